package org.plotter.api;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/** Renders a drawing: pen-down paths in ink, pen-up travel in a faint colour. */
@ConsumerType
public interface DrawingRenderer {
    void render(Drawing drawing, ImageFormat format, OutputStream out) throws IOException;
}
