package org.plotter.sketch.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.render.ImageFormat;
import org.plotter.api.sketch.Drawing;

/** SVG by hand (it is a few lines of text), PNG and the animated GIF through Java2D and ImageIO. */
@Component(service = DrawingRenderer.class, property = DrawingRenderer.FORMATS + "=svg,png,gif")
public class Java2dDrawingRenderer implements DrawingRenderer {
    @Override
    public void render(Drawing drawing, ImageFormat format, OutputStream out) throws IOException {
        RenderStyle style = RenderStyle.defaults(Math.max(drawing.width(), drawing.height()));
        switch (format) {
            case SVG -> SvgWriter.write(drawing, style, out);
            case PNG -> PngWriter.write(drawing, style, out);
            case GIF -> GifWriter.write(drawing, style, out);
        }
    }
}
