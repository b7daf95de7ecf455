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

    /** Whether the model has an encoder (a VAE), so that {@link #reconstruct} and {@link #interpolate(Sketch, Sketch, SamplingRequest, int)} work. */
    default boolean encodes() {
        return false;
    }

    /**
     * The paper's reconstruction: encodes {@code sketch} (in the model's data units) to its latent mean
     * and decodes a new sketch from it, of the request's class, with its seed and temperature.
     *
     * @throws org.plotter.api.InvalidInputException if the model has no encoder, or the sketch is empty or longer than the model takes
     */
    default Sketch reconstruct(Sketch sketch, SamplingRequest request) {
        throw new org.plotter.api.InvalidInputException("model '" + info().name() + "' has no encoder (it is not a VAE)");
    }

    /**
     * Sketches along a straight line between the encodings of two given sketches: sketch {@code i} of
     * {@code count} decodes {@code (1 − i/(count−1))·z(from) + i/(count−1)·z(to)}, all with the request's
     * class, seed and temperature; the first is {@code reconstruct(from, request)}.
     *
     * @throws org.plotter.api.InvalidInputException as {@link #reconstruct} does
     */
    default java.util.List<Sketch> interpolate(Sketch from, Sketch to, SamplingRequest request, int count) {
        throw new org.plotter.api.InvalidInputException("model '" + info().name() + "' has no encoder (it is not a VAE)");
    }
}
