package org.plotter.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.plotter.api.InvalidInputException;
import picocli.CommandLine.Option;

/** Where results go. */
final class OutputOptions {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--name", description = "Base name of the output files (default: CLASS-SEED).")
    String name;

    /** The base name: --name as given (checked), else {@code fallback}. */
    String baseName(String fallback) {
        if (name == null) {
            return fallback;
        }
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".") || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("--name must be a plain, visible file name, got '" + name + "'");
        }
        return name;
    }

    /** Checks the destination before any work: see {@link OutputFiles#reserve}. */
    OutputFiles reserve(String baseName, String... extensions) {
        return OutputFiles.reserve(out, baseName, List.of(extensions));
    }

    /** As {@link #reserve}, refusing names that would overwrite the command's own input file. */
    OutputFiles reserveFor(Path input, String baseName, String... extensions) {
        for (String extension : extensions) {
            Path output = out.resolve(baseName + "." + extension);
            try {
                if (Files.exists(output) && Files.isSameFile(input, output)) {
                    throw new InvalidInputException("the output " + output + " would overwrite the input file; choose another --out or --name");
                }
            } catch (java.io.IOException e) {
                throw new InvalidInputException("cannot check " + output + ": " + OutputFiles.reason(e));
            }
        }
        return reserve(baseName, extensions);
    }
}
