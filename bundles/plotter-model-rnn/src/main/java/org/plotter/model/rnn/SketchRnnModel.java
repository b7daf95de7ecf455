package org.plotter.model.rnn;

import java.util.SplittableRandom;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelInfo;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;

/** A single-class Sketch-RNN decoder behind the {@link SketchModel} contract. */
final class SketchRnnModel implements SketchModel {
    private final ModelInfo info;
    private final SketchRnnDecoder decoder;

    SketchRnnModel(ModelInfo info, DecoderWeights weights, Kernels kernels) {
        this.info = info;
        this.decoder = new SketchRnnDecoder(weights, kernels);
    }

    SketchRnnDecoder decoder() {
        return decoder;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Sketch sample(SamplingRequest request) {
        return complete(Sketch.fromStroke3(new float[0][]), request);
    }

    @Override
    public Sketch complete(Sketch prefix, SamplingRequest request) {
        checkClass(request);
        return decoder.complete(decoder.cell().zeroState(), prefix, request.temperature(), new SplittableRandom(request.seed()),
                limit(info, request));
    }

    /** The request's limit on points, or the model's. */
    static int limit(ModelInfo info, SamplingRequest request) {
        return request.maxSteps() == SamplingRequest.MODEL_LIMIT ? info.maxSteps() : request.maxSteps();
    }

    private void checkClass(SamplingRequest request) {
        request.sketchClass().ifPresent(requested -> {
            if (!info.draws(requested)) {
                throw new InvalidInputException("model '" + info.name() + "' draws only " + info.classes()
                        + ", not '" + requested + "'");
            }
        });
    }
}
