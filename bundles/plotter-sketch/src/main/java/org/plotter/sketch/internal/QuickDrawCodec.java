package org.plotter.sketch.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.sketch.Sketch;
import org.plotter.api.sketch.SketchCodec;
import org.plotter.sketch.data.QuickDrawFile;
import org.plotter.sketch.data.QuickDrawing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Quick, Draw! {@code .ndjson} (simplified or raw): the file's first drawing, as a sketch in its own units. Read only. */
@Component(service = SketchCodec.class, property = SketchCodec.FORMAT + "=" + QuickDrawCodec.FORMAT)
public class QuickDrawCodec implements SketchCodec {
    static final String FORMAT = "quickdraw-ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(QuickDrawCodec.class);

    @Override
    public Sketch read(InputStream in) throws IOException {
        List<QuickDrawing> drawings = QuickDrawFile.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "the file");
        if (drawings.isEmpty()) {
            throw new IOException("the file has no Quick, Draw! drawing in it");
        }
        if (drawings.size() > 1) {
            LOG.info("{} drawings in the file: the first ({} {}) is used", drawings.size(), drawings.get(0).word(), drawings.get(0).keyId());
        }
        return drawings.get(0).toSketch();
    }

    @Override
    public void write(Sketch sketch, OutputStream out) throws IOException {
        throw new IOException("Quick, Draw! files are read only; sketches are written as JSON");
    }
}
