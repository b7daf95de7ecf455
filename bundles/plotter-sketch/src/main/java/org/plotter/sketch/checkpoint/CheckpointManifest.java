package org.plotter.sketch.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint is and how it was made. Any engine writes one; the model registry and the
 * {@code eval}/{@code sample} commands read {@link #engine} to find who runs it.
 *
 * @param engine the engine that runs it, e.g. {@code sketch-rnn}
 * @param formatVersion {@link #FORMAT_VERSION} when written by this code
 * @param name the model's name (its directory's name by default)
 * @param classes the classes it draws, in the order of its class embedding (one entry when unconditional)
 * @param scaleFactor model units = data units / scaleFactor
 * @param maxSeqLen the longest sketch, in points, it was trained on
 * @param hyperParameters the engine's hyper-parameters by their names
 * @param training how it was trained
 * @param tensors the weights in {@code weights.bin}, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointManifest(String engine, int formatVersion, String name, List<String> classes, double scaleFactor,
        int maxSeqLen, Map<String, Object> hyperParameters, Training training, List<Tensor> tensors) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    public CheckpointManifest {
        classes = List.copyOf(classes);
        hyperParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyperParameters)); // in the given order
        tensors = List.copyOf(tensors);
    }

    /**
     * @param data the data files, each with the sketches it gave
     * @param steps optimiser steps taken
     * @param seconds wall time spent training, over every resumed run
     * @param heldOutNll the validation NLL (per point) for each class, at the last evaluation
     * @param made a sentence on how it was made (command, machine)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(List<String> data, long steps, double seconds, Map<String, Double> heldOutNll, String made) {
        public Training {
            data = List.copyOf(data);
            heldOutNll = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(heldOutNll));
        }
    }

    /** A float32 tensor: its name and shape. */
    public record Tensor(String name, List<Integer> shape) {
        public Tensor {
            shape = List.copyOf(shape);
        }

        public int size() {
            return shape.stream().reduce(1, Math::multiplyExact);
        }
    }

    public CheckpointManifest withTraining(Training next) {
        return new CheckpointManifest(engine, formatVersion, name, classes, scaleFactor, maxSeqLen, hyperParameters, next, tensors);
    }
}
