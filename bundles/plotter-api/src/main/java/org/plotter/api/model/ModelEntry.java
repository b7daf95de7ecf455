package org.plotter.api.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A checkpoint found on the model path: the file, the engine that recognised it, and either its
 * description or the reason it cannot be used (corrupt, truncated, unreadable).
 */
public record ModelEntry(Path file, String engine, Optional<ModelInfo> info, Optional<String> problem) {
    public ModelEntry {
        if (info.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a model entry has either a description or a problem: " + file);
        }
    }

    public static ModelEntry usable(Path file, String engine, ModelInfo info) {
        return new ModelEntry(file, engine, Optional.of(info), Optional.empty());
    }

    public static ModelEntry unusable(Path file, String engine, String problem) {
        return new ModelEntry(file, engine, Optional.empty(), Optional.of(problem));
    }

    public boolean usable() {
        return info.isPresent();
    }
}
