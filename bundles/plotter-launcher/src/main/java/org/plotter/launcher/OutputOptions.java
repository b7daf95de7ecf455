package org.plotter.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results go. */
final class OutputOptions {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", description = "Base name of the output files (default: CLASS-SEED).")
    String name;

    Path file(String fallbackName, String extension) {
        String base = name != null ? name : fallbackName;
        if (base.isBlank() || base.contains("/") || base.contains("\\")) {
            throw new UserInputException("--name must be a plain file name, got '" + base + "'");
        }
        return out.resolve(base + "." + extension);
    }
}
