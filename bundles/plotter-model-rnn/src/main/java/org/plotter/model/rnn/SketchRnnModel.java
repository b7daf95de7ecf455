package org.plotter.model.rnn;

import java.util.List;
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
        double scale = decoder.shape().scaleFactor();
        float[][] stroke5 = prefix.scaled((float) (1 / scale)).toStroke5();
        float[][] prefixRows = java.util.Arrays.copyOf(stroke5, stroke5.length - 1); // drop the end token
        int limit = request.maxSteps() == SamplingRequest.MODEL_LIMIT ? info.maxSteps() : request.maxSteps();
        List<float[]> rows = decoder.sample(prefixRows, request.temperature(), new SplittableRandom(request.seed()),
                Math.max(limit, prefixRows.length), true);
        return Sketch.fromStroke5(rows.toArray(new float[0][])).scaled((float) scale);
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
