package org.plotter.api.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * How training ended.
 *
 * @param checkpoint the checkpoint directory written last
 * @param steps steps it holds in all
 * @param stopped true when {@link TrainingRequest#stop()} ended it before the budget
 * @param heldOutLoss the last validation loss per class and {@code all}
 */
public record TrainingResult(Path checkpoint, long steps, boolean stopped, Map<String, Double> heldOutLoss) {
    public TrainingResult {
        heldOutLoss = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(heldOutLoss)); // in the given order
    }
}
