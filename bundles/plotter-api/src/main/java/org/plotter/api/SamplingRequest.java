package org.plotter.api;

import java.util.Optional;

/**
 * What to sample: an optional class (required by multi-class models), the sampling temperature,
 * the random seed (same seed, same sketch) and an upper bound on the number of steps.
 */
public record SamplingRequest(Optional<String> sketchClass, double temperature, long seed, int maxSteps) {
    /** Use the model's own limit (its {@code max_seq_len}). */
    public static final int MODEL_LIMIT = 0;

    public SamplingRequest {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must not be negative, got " + maxSteps);
        }
        sketchClass = sketchClass.filter(c -> !c.isBlank());
    }

    public static SamplingRequest of(String sketchClass, double temperature, long seed) {
        return new SamplingRequest(Optional.ofNullable(sketchClass), temperature, seed, MODEL_LIMIT);
    }
}
