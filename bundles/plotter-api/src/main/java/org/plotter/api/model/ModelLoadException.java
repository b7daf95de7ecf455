package org.plotter.api.model;

import java.nio.file.Path;

/** A checkpoint is missing, unreadable or not in the format its engine expects. */
public class ModelLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(Path checkpoint, String reason) {
        super(checkpoint + ": " + reason);
    }

    public ModelLoadException(Path checkpoint, String reason, Throwable cause) {
        super(checkpoint + ": " + reason, cause);
    }
}
