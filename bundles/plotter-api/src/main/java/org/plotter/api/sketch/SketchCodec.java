package org.plotter.api.sketch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/** Reads and writes sketches as files (JSON stroke-3). */
@ConsumerType
public interface SketchCodec {
    /** Service property: the file format a codec reads and writes, e.g. {@code stroke-3-json}. */
    String FORMAT = "plotter.sketch.format";

    /** @throws IOException if the input is not a sketch, with a message saying why */
    Sketch read(InputStream in) throws IOException;

    void write(Sketch sketch, OutputStream out) throws IOException;
}
