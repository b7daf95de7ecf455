package org.plotter.model.rnn;

import java.util.List;
import java.util.SplittableRandom;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelInfo;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;

/**
 * A checkpoint trained by this project: a decoder whose input is {@code [stroke-5, z, class embedding]}
 * and, with a latent, an initial state {@code tanh(W·[z, e] + b)}. For one sketch {@code [z, e]} is
 * constant, so it is folded into the gate bias and the decoder runs on the same single-sketch kernels
 * as an imported magenta decoder. Unconditional samples draw {@code z ~ N(0, I)} from the request's seed;
 * a VAE's encoder gives the latent of a given sketch (its mean μ) for reconstruction and interpolation.
 */
final class ConditionedSketchRnnModel implements SketchModel {
    private final ModelInfo info;
    private final TrainedCheckpoint.Weights weights;
    private final SketchRnnDecoder decoder;
    private final SketchRnnEncoder encoder;
    private final HyperLstmCell hyperCell;

    ConditionedSketchRnnModel(ModelInfo info, TrainedCheckpoint.Weights weights, Kernels kernels) {
        this.info = info;
        this.weights = weights;
        this.hyperCell = weights.hyper() == null ? null : new HyperLstmCell(weights.hyper(), kernels);
        this.decoder = hyperCell == null ? new SketchRnnDecoder(weights.strokeDecoder(), kernels)
                : new SketchRnnDecoder(weights.strokeDecoder(), hyperCell, kernels);
        this.encoder = weights.encoder() == null ? null : new SketchRnnEncoder(weights.encoder(), kernels);
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
        SplittableRandom random = new SplittableRandom(request.seed());
        LstmCell.State state = startState(classIndex(request), random);
        return decoder.complete(state, prefix, request.temperature(), random, SketchRnnModel.limit(info, request));
    }

    /** The class the request asks for; a one-class model takes any request its class allows. */
    int classIndex(SamplingRequest request) {
        List<String> classes = info.classes();
        if (request.sketchClass().isEmpty()) {
            if (classes.size() > 1) {
                throw new InvalidInputException("model '" + info.name() + "' draws " + classes.size() + " classes; choose one with --class ("
                        + String.join(", ", classes) + ")");
            }
            return 0;
        }
        String wanted = request.sketchClass().get();
        int c = info.classIndex(wanted);
        if (c >= 0) {
            return c;
        }
        throw new InvalidInputException("model '" + info.name() + "' does not draw '" + wanted + "'; it draws " + String.join(", ", classes));
    }

    @Override
    public List<Sketch> interpolate(SamplingRequest from, SamplingRequest to, int count) {
        if (weights.zSize() == 0 && weights.embeddingSize() == 0) {
            return SketchModel.super.interpolate(from, to, count);
        }
        float[] start = conditioning(classIndex(from), new SplittableRandom(from.seed()));
        float[] end = conditioning(classIndex(to), new SplittableRandom(to.seed()));
        return row(start, end, count, from, weights.zSize());
    }

    @Override
    public boolean encodes() {
        return encoder != null;
    }

    @Override
    public Sketch reconstruct(Sketch sketch, SamplingRequest request) {
        if (encoder == null) {
            return SketchModel.super.reconstruct(sketch, request);
        }
        float[] v = encoded(sketch, classIndex(request));
        return row(v, v, 1, request, 0).get(0);
    }

    @Override
    public List<Sketch> interpolate(Sketch from, Sketch to, SamplingRequest request, int count) {
        if (encoder == null) {
            return SketchModel.super.interpolate(from, to, request, count);
        }
        int classIndex = classIndex(request);
        return row(encoded(from, classIndex), encoded(to, classIndex), count, request, 0);
    }

    /** {@code [μ, e]}: the sketch's encoding and the class's embedding, the decoder's conditioning. */
    private float[] encoded(Sketch sketch, int classIndex) {
        return withClass(java.util.Arrays.copyOf(encode(sketch), weights.zSize() + weights.embeddingSize()), classIndex);
    }

    /** μ of a sketch in data units. */
    float[] encode(Sketch sketch) {
        if (sketch.size() == 0) {
            throw new InvalidInputException("an empty sketch has nothing to encode");
        }
        if (sketch.size() > info.maxSteps()) {
            throw new InvalidInputException("the sketch has " + sketch.size() + " points; model '" + info.name() + "' was trained on at most "
                    + info.maxSteps() + " (simplify it first)");
        }
        float[][] stroke5 = sketch.scaled((float) (1 / weights.shape().scaleFactor())).toStroke5();
        return encoder.mean(java.util.Arrays.copyOf(stroke5, stroke5.length - 1)); // without the end token
    }

    /**
     * Decodes {@code count} conditionings evenly spaced from {@code start} to {@code end}, each with a fresh
     * generator of {@code request}'s seed from which {@code skipLatent} Gaussians are first drawn (so that a
     * row between two samples draws the noise its first sample drew after its latent).
     */
    private List<Sketch> row(float[] start, float[] end, int count, SamplingRequest request, int skipLatent) {
        List<Sketch> sketches = new java.util.ArrayList<>();
        int limit = SketchRnnModel.limit(info, request);
        for (int i = 0; i < count; i++) {
            double w = count == 1 ? 0 : (double) i / (count - 1);
            float[] v = new float[start.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) ((1 - w) * start[k] + w * end[k]);
            }
            SplittableRandom random = new SplittableRandom(request.seed());
            for (int k = 0; k < skipLatent; k++) {
                random.nextGaussian();
            }
            sketches.add(decoder.complete(startState(v), Sketch.fromStroke3(new float[0][]), request.temperature(), random, limit));
        }
        return sketches;
    }

    /** Folds {@code [z, e]} into the gate bias and computes the initial state; z is drawn from {@code random}. */
    LstmCell.State startState(int classIndex, SplittableRandom random) {
        return startState(conditioning(classIndex, random));
    }

    /** The start state for class {@code classIndex} and latent {@code latent}. */
    LstmCell.State startState(int classIndex, float[] latent) {
        float[] v = new float[weights.zSize() + weights.embeddingSize()];
        System.arraycopy(latent, 0, v, 0, weights.zSize());
        return startState(withClass(v, classIndex));
    }

    /** {@code [z, e]}: a latent drawn from {@code random} (z ~ N(0, I)) and the class's embedding. */
    private float[] conditioning(int classIndex, SplittableRandom random) {
        float[] v = new float[weights.zSize() + weights.embeddingSize()];
        for (int k = 0; k < weights.zSize(); k++) {
            v[k] = (float) random.nextGaussian();
        }
        return withClass(v, classIndex);
    }

    private float[] withClass(float[] v, int classIndex) {
        int e = weights.embeddingSize();
        if (e > 0) {
            System.arraycopy(weights.embedding(), classIndex * e, v, weights.zSize(), e);
        }
        return v;
    }

    /** The decoder's start for conditioning {@code v = [z, e]}: v folded into the gate bias, and tanh(W·v + b) when there is a latent. */
    private LstmCell.State startState(float[] v) {
        int units = weights.shape().decoderUnits(), gates = weights.shape().gateWidth();
        float[] h0 = new float[units], c0 = new float[units];
        if (weights.initW() != null) {
            float[] s = weights.initB().clone();
            ScalarKernels.accumulateRows(v, v.length, weights.initW(), s, 2 * units);
            for (int u = 0; u < units; u++) {
                c0[u] = (float) Math.tanh(s[u]);
                h0[u] = (float) Math.tanh(s[units + u]);
            }
        }
        if (hyperCell != null) {
            return hyperCell.start(v, h0, c0); // it folds v into both of its cells
        }
        float[] bias = weights.decoderB().clone();
        for (int k = 0; k < v.length; k++) {
            ScalarKernels.accumulateRow(v[k], weights.decoderWx(), (SketchRnnHyperParameters.STROKE5 + k) * gates, bias, gates);
        }
        return ((LstmCell) decoder.cell()).conditionedState(bias, h0, c0);
    }

    SketchRnnDecoder decoder() {
        return decoder;
    }

    /**
     * The largest difference between the trainer's numbers in the checkpoint's trace and this sampler's
     * for the same inputs, class and latent: the decoder's outputs and, for a VAE, the encoder's μ of the
     * traced sketch.
     */
    double traceDeviation(TrainedCheckpoint.Trace trace) {
        LstmCell.State state = startState(trace.classIndex(), trace.z());
        float[][] next = new float[trace.inputs().length][];
        for (int t = 0; t < next.length; t++) {
            next[t] = t + 1 < next.length ? trace.inputs()[t + 1] : new float[SketchRnnHyperParameters.STROKE5];
        }
        double worst = deviation(decoder.outputs(state, next), trace.outputs());
        if (encoder != null && trace.z().length > 0) {
            // the traced sketch is the decoder's input after the start token, up to the first end-of-sketch row
            int n = 1;
            while (n < trace.inputs().length && trace.inputs()[n][4] < 0.5f) {
                n++;
            }
            float[] mu = encoder.mean(java.util.Arrays.copyOfRange(trace.inputs(), 1, n));
            worst = Math.max(worst, deviation(new float[][] {mu}, new float[][] {trace.z()}));
        }
        return worst;
    }

    /** The largest difference, relative above 1 and absolute below. */
    private static double deviation(float[][] ours, float[][] theirs) {
        double worst = 0;
        for (int t = 0; t < ours.length; t++) {
            for (int k = 0; k < ours[t].length; k++) {
                worst = Math.max(worst, Math.abs(ours[t][k] - theirs[t][k]) / Math.max(1, Math.abs(theirs[t][k])));
            }
        }
        return worst;
    }
}
