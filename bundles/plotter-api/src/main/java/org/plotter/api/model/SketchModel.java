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

    /**
     * Sketches along a straight line through the model's conditioning (class embedding, latent vector)
     * from what {@code from} samples to what {@code to} samples: sketch {@code i} of {@code count} is
     * conditioned on {@code (1 − i/(count−1))·from + i/(count−1)·to}, and all draw with {@code from}'s
     * seed and temperature, so that only the conditioning changes along the row.
     *
     * @throws org.plotter.api.InvalidInputException if the model has nothing to interpolate (one class, no latent)
     */
    default java.util.List<Sketch> interpolate(SamplingRequest from, SamplingRequest to, int count) {
        throw new org.plotter.api.InvalidInputException("model '" + info().name() + "' has no class embedding or latent space to interpolate in");
    }
}
