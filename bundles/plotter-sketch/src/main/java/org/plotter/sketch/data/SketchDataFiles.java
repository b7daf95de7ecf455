package org.plotter.sketch.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.plotter.api.sketch.Sketch;

/**
 * Opens a sketch data file by its kind: sketch-rnn {@code .npz} (split as published), Quick, Draw!
 * {@code .ndjson} (simplified, or raw drawings that are simplified on reading) and {@code .bin}. Files
 * without a split are split deterministically (one in {@value #SPLIT_PERIOD} each to validation and test).
 */
public final class SketchDataFiles {
    /** Quick, Draw! files carry no split: of every 12 drawings, 10 train, 1 validates, 1 tests. */
    public static final int SPLIT_PERIOD = 12;

    private SketchDataFiles() {}

    /** @throws IOException one sentence naming the file and what is wrong with it */
    public static SketchDataSet read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a data file");
        }
        if (lower.endsWith(".npz")) {
            return NpzSketchFile.read(file);
        }
        List<QuickDrawing> drawings;
        String stem = name.replaceFirst("\\.[^.]*$", "");
        if (lower.endsWith(".ndjson")) {
            if (!Files.exists(file)) {
                throw new IOException(file + ": no such file");
            }
            drawings = QuickDrawFile.readSimplifyingRaw(file);
        } else if (lower.endsWith(".bin")) {
            drawings = QuickDrawBinaryFile.read(file, stem);
        } else {
            throw new IOException(file + ": unknown data format (expected .npz, .ndjson or .bin)");
        }
        if (drawings.isEmpty()) {
            throw new IOException(file + ": holds no drawings");
        }
        String word = drawings.get(0).word().isBlank() ? stem : drawings.get(0).word();
        List<Sketch> sketches = drawings.stream().map(QuickDrawing::toSketch).filter(s -> s.size() > 0).toList();
        SketchDataSet set = SketchDataSet.splitEvery(word, file.toString(), sketches, SPLIT_PERIOD);
        if (set.valid().isEmpty() || set.test().isEmpty()) {
            throw new IOException(file + ": " + sketches.size() + " drawings are too few to split into train, valid and test (at least "
                    + SPLIT_PERIOD + ")");
        }
        return set;
    }
}
