package org.plotter.api.model;

import java.util.Map;

/**
 * One training step done.
 *
 * @param step steps taken so far (the checkpoint's count, over resumed runs)
 * @param lastStep the step the budget ends at, or 0 when only time bounds it
 * @param losses this step's loss by its parts and {@code total}
 * @param stepsPerSecond over this run so far
 * @param sketchesPerSecond over this run so far
 */
public record TrainingProgress(long step, long lastStep, Map<String, Double> losses, double stepsPerSecond, double sketchesPerSecond) {
    public TrainingProgress {
        losses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(losses)); // in the given order
    }
}
