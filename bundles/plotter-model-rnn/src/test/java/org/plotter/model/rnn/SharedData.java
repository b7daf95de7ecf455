package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (data and magenta checkpoints); tests skip, saying so, when it is absent. */
final class SharedData {
    private SharedData() {}

    static Path require(String relative) {
        Path root = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"));
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            System.err.println("SKIPPED: shared data " + file.toAbsolutePath() + " is absent");
        }
        assumeTrue(Files.exists(file), "shared data " + file + " is absent");
        return file;
    }
}
