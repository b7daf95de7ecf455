package org.plotter.api.model;

import org.osgi.annotation.versioning.ConsumerType;
import org.plotter.api.sketch.Sketch;

/** A loaded generative model of sketches. Implementations are thread-safe. */
@ConsumerType
public interface SketchModel {
    ModelInfo info();

    /**
     * Samples a new sketch.
     *
     * @throws org.plotter.api.InvalidInputException if the request names a class the model does not know
     */
    Sketch sample(SamplingRequest request);

    /**
     * Continues {@code prefix}; the result holds only the new points, in the prefix's frame, starting
     * where the prefix ends.
     */
    Sketch complete(Sketch prefix, SamplingRequest request);
}
