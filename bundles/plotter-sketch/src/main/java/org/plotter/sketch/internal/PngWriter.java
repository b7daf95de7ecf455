package org.plotter.sketch.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Rasterises a drawing with Java2D: travel first, so ink is never hidden under it. */
final class PngWriter {
    private PngWriter() {}

    static void write(Drawing drawing, RenderStyle style, OutputStream out) throws IOException {
        BufferedImage image = raster(drawing, style, style.pngLongSide(), drawing.paths(), true);
        // an in-memory cache: ImageIO's default file cache registers a shutdown hook, which fails while
        // the JVM is stopping, and that is when an interrupted plot saves its picture
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        }
    }

    /**
     * {@code paths} (all of the drawing's, or the part drawn so far) in the drawing's frame, scaled so
     * its long side is {@code longSide} pixels; pen-up travel only when {@code travel}.
     */
    static BufferedImage raster(Drawing drawing, RenderStyle style, int longSide, List<Polyline> paths, boolean travel) {
        double scale = longSide / Math.max(drawing.width(), drawing.height());
        int w = Math.max(1, (int) Math.ceil(drawing.width() * scale));
        int h = Math.max(1, (int) Math.ceil(drawing.height() * scale));
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.decode(style.paper()));
            g.fillRect(0, 0, w, h);
            g.scale(scale, scale);
            for (boolean ink : travel ? new boolean[] {false, true} : new boolean[] {true}) {
                g.setColor(Color.decode(ink ? style.ink() : style.travel()));
                g.setStroke(new BasicStroke((float) (ink ? style.inkWidth() : style.travelWidth()),
                        BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                for (Polyline line : paths) {
                    if (line.penDown() == ink && line.points().size() > 1) {
                        g.draw(toPath(line));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Path2D toPath(Polyline line) {
        Path2D.Double path = new Path2D.Double();
        Point first = line.points().get(0);
        path.moveTo(first.x(), first.y());
        for (Point p : line.points().subList(1, line.points().size())) {
            path.lineTo(p.x(), p.y());
        }
        return path;
    }
}
