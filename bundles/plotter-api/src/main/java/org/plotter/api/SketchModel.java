package org.plotter.api;

import org.osgi.annotation.versioning.ConsumerType;

/** A loaded generative model of sketches. Implementations are thread-safe. */
@ConsumerType
public interface SketchModel {
    ModelInfo info();

    /**
     * Samples a new sketch.
     *
     * @throws IllegalArgumentException if the request names a class the model does not know
     */
    Sketch sample(SamplingRequest request);

    /**
     * Continues {@code prefix}; the result holds only the new points, in the prefix's frame, starting
     * where the prefix ends.
     */
    Sketch complete(Sketch prefix, SamplingRequest request);
}
