package org.plotter.api.sketch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Reads and writes sketches as files (JSON stroke-3). */
@ConsumerType
public interface SketchCodec {
    /** Service property: the file format a codec reads and writes, e.g. {@code stroke-3-json}. */
    String FORMAT = "plotter.sketch.format";

    /** @throws IOException if the input is not a sketch, with a message saying why */
    Sketch read(InputStream in) throws IOException;

    void write(Sketch sketch, OutputStream out) throws IOException;

    /**
     * Reads a drawing split into layers, in the order the file has them; a format without layers (and
     * {@link Layer.Split#NONE}) gives one unnamed layer.
     *
     * @throws IOException as {@link #read}
     */
    default List<Layer> readLayers(InputStream in, Layer.Split split) throws IOException {
        return List.of(new Layer("", read(in)));
    }
}
