package org.plotter.api.render;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;
import org.plotter.api.sketch.Drawing;

/** Renders a drawing: pen-down paths in ink, pen-up travel in a faint colour. */
@ConsumerType
public interface DrawingRenderer {
    /** Service property: the formats a renderer writes, e.g. {@code svg,png}. */
    String FORMATS = "plotter.render.formats";

    void render(Drawing drawing, ImageFormat format, OutputStream out) throws IOException;
}
