package org.plotter.sketch.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Writes a drawing as SVG with millimetre user units; one {@code <path>} per polyline. */
final class SvgWriter {
    private SvgWriter() {}

    static void write(Drawing drawing, RenderStyle style, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.2fmm\" height=\"%.2fmm\" viewBox=\"0 0 %.3f %.3f\">%n",
                drawing.width(), drawing.height(), drawing.width(), drawing.height()));
        w.write(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>%n", style.paper()));
        for (Polyline line : drawing.paths()) {
            if (line.points().size() < 2) {
                continue;
            }
            String colour = line.penDown() ? style.ink() : style.travel();
            double width = line.penDown() ? style.inkWidth() : style.travelWidth();
            w.write(String.format(Locale.ROOT,
                    "<path fill=\"none\" stroke=\"%s\" stroke-width=\"%.3f\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"",
                    colour, width));
            char command = 'M';
            for (Point p : line.points()) {
                w.write(String.format(Locale.ROOT, "%c%.3f %.3f ", command, p.x(), p.y()));
                command = 'L';
            }
            w.write("\"/>\n");
        }
        w.write("</svg>\n");
        w.flush();
    }
}
