package org.plotter.api.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to sample: an optional class (required by multi-class models), the sampling temperature, the
 * random seed (same seed, same sketch), an upper bound on the number of steps, and engine-specific
 * options (e.g. a latent vector, top-k) that an engine may read and others ignore. Immutable; built
 * with {@link #builder(long)} so that new options can be added without breaking callers.
 */
public final class SamplingRequest {
    /** Use the model's own limit (its {@code max_seq_len}). */
    public static final int MODEL_LIMIT = 0;
    public static final double DEFAULT_TEMPERATURE = 0.4;

    private final Optional<String> sketchClass;
    private final double temperature;
    private final long seed;
    private final int maxSteps;
    private final Map<String, String> options;

    private SamplingRequest(Builder b) {
        if (!(b.temperature > 0) || Double.isInfinite(b.temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + b.temperature);
        }
        if (b.maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must not be negative, got " + b.maxSteps);
        }
        this.sketchClass = Optional.ofNullable(b.sketchClass).filter(c -> !c.isBlank());
        this.temperature = b.temperature;
        this.seed = b.seed;
        this.maxSteps = b.maxSteps;
        this.options = Map.copyOf(b.options);
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** Shorthand for a class, a temperature and a seed. */
    public static SamplingRequest of(String sketchClass, double temperature, long seed) {
        return builder(seed).sketchClass(sketchClass).temperature(temperature).build();
    }

    public Optional<String> sketchClass() {
        return sketchClass;
    }

    public double temperature() {
        return temperature;
    }

    public long seed() {
        return seed;
    }

    public int maxSteps() {
        return maxSteps;
    }

    /** An engine-specific option, if given. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public Map<String, String> options() {
        return options;
    }

    @Override
    public String toString() {
        return "SamplingRequest[class=" + sketchClass.orElse("-") + ", T=" + temperature + ", seed=" + seed
                + ", maxSteps=" + maxSteps + ", options=" + options + "]";
    }

    /** Collects a request's values; {@link #build()} validates them. */
    public static final class Builder {
        private final long seed;
        private String sketchClass;
        private double temperature = DEFAULT_TEMPERATURE;
        private int maxSteps = MODEL_LIMIT;
        private final Map<String, String> options = new TreeMap<>();

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder sketchClass(String sketchClass) {
            this.sketchClass = sketchClass;
            return this;
        }

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder maxSteps(int maxSteps) {
            this.maxSteps = maxSteps;
            return this;
        }

        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /** @throws IllegalArgumentException if the temperature is not a positive number or maxSteps is negative */
        public SamplingRequest build() {
            return new SamplingRequest(this);
        }
    }
}
