package org.plotter.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/** Reads and writes sketches as files (JSON stroke-3). */
@ConsumerType
public interface SketchCodec {
    /** @throws IOException if the input is not a sketch, with a message saying why */
    Sketch read(InputStream in) throws IOException;

    void write(Sketch sketch, OutputStream out) throws IOException;
}
