package org.plotter.launcher;

/** Output names made from things the user did not type (a model's own name): always a plain, visible file name. */
final class FileNames {
    private static final int MAX_LENGTH = 100;

    private FileNames() {}

    /** Letters, digits, '-', '_' and '.' kept; anything else becomes '_'; no leading dot; never empty. */
    static String safe(String name) {
        String cleaned = name.strip().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (cleaned.length() > MAX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_LENGTH);
        }
        return cleaned.isEmpty() ? "sketch" : cleaned;
    }

    /** A safe base name from an input file: its name without the extension ({@code .json}, {@code .svg}, {@code .gcode}, ...). */
    static String of(java.nio.file.Path file) {
        return safe(file.getFileName().toString().replaceFirst("(?i)\\.(json|svg|ndjson|gcode|nc|ngc|gc|g|txt)$", ""));
    }
}
