package org.plotter.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The repository's home with a private copy of its config/ directory, so no test can touch the
 * user's configuration files; {@code plotter.config} points every CLI run of this JVM at the copy, and
 * {@code plotter.jobs} at a directory of its own for job journals.
 */
final class TestHome {
    static final Path HOME = Path.of(System.getProperty("plotter.home"));
    static final Path DIST = Path.of(System.getProperty("plotter.dist"));
    private static Path config;

    private TestHome() {}

    static synchronized Path config() {
        if (config == null) {
            try {
                config = copyConfig(Files.createTempDirectory("plotter-test-config-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("plotter.config", config.toString());
            try {
                // journals of test plots stay out of the user's data directory
                System.setProperty("plotter.jobs", Files.createTempDirectory("plotter-test-jobs-").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }

    static Path copyConfig(Path target) throws IOException {
        try (Stream<Path> files = Files.list(HOME.resolve("config"))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
