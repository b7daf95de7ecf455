package org.plotter.train.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.plotter.sketch.data.StrokeBatches;

/**
 * Sketch-RNN as in the paper (section 3), one piece per part: a bidirectional LSTM encoder whose last
 * outputs give μ and σ̂ (σ = exp(σ̂/2)) of the latent z; a decoder LSTM started from tanh(W·[z, e] + b)
 * and fed each step's stroke-5 input with [z, e], where e is the class embedding; a mixture density
 * output layer. With {@code z_size = 0} only the decoder is trained (magenta's unconditional model),
 * starting from zeros; with one class there is no embedding.
 */
final class SketchRnnNetwork {
    static final int STROKE5 = StrokeBatches.STROKE5;

    final TrainingHyperParameters hp;
    final int classes;
    final ParameterSet parameters;
    private final LstmLayer forwardEncoder;
    private final LstmLayer backwardEncoder;
    private final SequenceLayer decoder;
    private final MixtureDensityLoss loss;
    private final int embedding;

    /** The loss of one batch, by part. */
    record Losses(double offset, double pen, double kl, double total) {}

    SketchRnnNetwork(TrainingHyperParameters hp, int classes, DataType type) {
        this.hp = hp;
        this.classes = classes;
        this.embedding = classes > 1 ? hp.classEmbeddingSize() : 0;
        this.parameters = new ParameterSet(type);
        this.loss = new MixtureDensityLoss(hp.numMixture());
        if (hp.variational()) {
            forwardEncoder = new LstmLayer(parameters, "encoder/forward", STROKE5, 0, hp.encRnnSize(), false);
            backwardEncoder = new LstmLayer(parameters, "encoder/backward", STROKE5, 0, hp.encRnnSize(), false);
            parameters.declare("encoder/mu/W", 2L * hp.encRnnSize(), hp.zSize()).declare("encoder/mu/b", 1, hp.zSize())
                    .declare("encoder/presig/W", 2L * hp.encRnnSize(), hp.zSize()).declare("encoder/presig/b", 1, hp.zSize());
        } else {
            forwardEncoder = backwardEncoder = null;
        }
        if (embedding > 0) {
            parameters.declare("class/embedding", classes, embedding);
        }
        decoder = hp.hyperDecoder()
                ? new HyperLstmLayer(parameters, "decoder", STROKE5, staticWidth(), hp.decRnnSize(), hp.hyperNumUnits(), hp.hyperEmbeddingSize())
                : new LstmLayer(parameters, "decoder", STROKE5, staticWidth(), hp.decRnnSize(), hp.layerNormDecoder());
        if (hp.variational()) {
            parameters.declare("decoder/init/W", staticWidth(), 2L * hp.decRnnSize()).declare("decoder/init/b", 1, 2L * hp.decRnnSize());
        }
        parameters.declare("output/W", hp.decRnnSize(), loss.width()).declare("output/b", 1, loss.width());
        parameters.allocate();
    }

    /** Width of what the decoder sees besides the stroke: z and the class embedding. */
    int staticWidth() {
        return hp.zSize() + embedding;
    }

    /**
     * Random starting weights: scaled normals (1/√fan-in) for the LSTMs, magenta's N(0, 0.08²) elsewhere;
     * biases and layer-norm offsets 0, layer-norm gains 1; a HyperLSTM's scaling as magenta starts it.
     */
    void initialise(long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (var entry : parameters.shapes().entrySet()) {
            String name = entry.getKey();
            long[] shape = entry.getValue();
            INDArray value = parameters.value(name);
            if (name.endsWith("/b") || name.endsWith("/beta")) {
                value.assign(0);
            } else if (name.endsWith("/gamma")) {
                value.assign(1);
            } else if (name.endsWith("/Wx") || name.endsWith("/Wh")) {
                value.assign(Nd4j.randn(value.dataType(), shape).muli(1.0 / Math.sqrt(shape[0])));
            } else {
                value.assign(Nd4j.randn(value.dataType(), shape).muli(0.08));
            }
        }
        if (decoder instanceof HyperLstmLayer hyper) {
            hyper.initialise();
        }
    }

    /** One training step's forward and backward pass: the parameter set's gradients become those of the total loss. */
    Losses train(StrokeBatches.Batch batch, double klWeight, long noiseSeed) {
        return run(batch, klWeight, true, true, noiseSeed);
    }

    /** The loss without dropout (validation, evaluation). */
    Losses evaluate(StrokeBatches.Batch batch, double klWeight, long noiseSeed) {
        return run(batch, klWeight, false, false, noiseSeed);
    }

    /**
     * One batch forward and, when {@code gradients}, backward. Dropout masks (when {@code dropout}) and
     * the latent noise come from {@code noiseSeed}, so two runs with one seed compute one function.
     */
    Losses run(StrokeBatches.Batch batch, double klWeight, boolean dropout, boolean gradients, long noiseSeed) {
        DataType type = parameters.values().dataType();
        int b = batch.size(), steps = batch.steps();
        Nd4j.getRandom().setSeed(noiseSeed);
        if (gradients) {
            parameters.gradients().assign(0);
        }
        Forward f = forward(batch, dropout, false);
        INDArray output = f.output();
        Encoding encoding = f.encoding();
        SequenceLayer.Run pass = f.pass();
        INDArray statics = f.statics();
        INDArray initial = f.initial();

        boolean[] counts = new boolean[steps * b];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < b; k++) {
                counts[t * b + k] = t < batch.lengths()[k];
            }
        }
        MixtureDensityLoss.Result reconstruction = loss.evaluate(output, batch.targets(), counts, (double) b * hp.maxSeqLen());
        double kl = encoding == null ? 0 : encoding.kl();
        boolean klActive = encoding != null && kl > hp.klTolerance();
        double total = reconstruction.offsetLoss() + reconstruction.penLoss() + (encoding == null ? 0 : klWeight * Math.max(kl, hp.klTolerance()));
        Losses losses = new Losses(reconstruction.offsetLoss(), reconstruction.penLoss(), kl, total);
        if (!gradients) {
            return losses;
        }

        INDArray dOutput = reconstruction.gradient();
        INDArray dHidden = pass.hidden().like();
        INDArray dOutputWT = Nd4j.zeros(type, loss.width(), hp.decRnnSize());
        for (int t = 0; t < steps; t++) {
            INDArray dOut = dOutput.slice(t);
            Nd4j.gemm(dOut, pass.hidden().slice(t), dOutputWT, false, true, 1.0, 1.0);
            Nd4j.gemm(parameters.value("output/W"), dOut, dHidden.slice(t), false, false, 1.0, 0.0);
        }
        parameters.gradient("output/W").addi(dOutputWT.transpose());
        parameters.gradient("output/b").addi(dOutput.sum(0, 2).reshape(1, loss.width()));
        LstmLayer.InputGradients dDecoder = decoder.backward(pass, dHidden);
        INDArray dStatics = dDecoder.staticInput();
        if (hp.variational()) {
            INDArray dInitial = Nd4j.hstack(dDecoder.c0(), dDecoder.h0()).muli(initial.mul(initial).rsubi(1));
            parameters.gradient("decoder/init/W").addi(statics.transpose().mmul(dInitial));
            parameters.gradient("decoder/init/b").addi(dInitial.sum(true, 0));
            dStatics.addi(dInitial.mmul(parameters.value("decoder/init/W").transpose()));
            encoding.backward(dStatics.get(all(), interval(0, hp.zSize())), klActive ? klWeight : 0);
        }
        if (embedding > 0) {
            INDArray dEmbedding = dStatics.get(all(), interval(hp.zSize(), hp.zSize() + embedding));
            INDArray gradient = parameters.gradient("class/embedding");
            for (int k = 0; k < b; k++) {
                gradient.getRow(batch.classes()[k]).addi(dEmbedding.getRow(k));
            }
        }
        return losses;
    }

    /** The forward pass: what the backward pass and the trace need of it. */
    private record Forward(Encoding encoding, INDArray statics, INDArray initial, SequenceLayer.Run pass, INDArray output) {}

    /** @param meanLatent z = μ instead of a draw (the trace) */
    private Forward forward(StrokeBatches.Batch batch, boolean dropout, boolean meanLatent) {
        DataType type = parameters.values().dataType();
        int b = batch.size(), steps = batch.steps();
        INDArray decoderInputs = featureMajor(batch.inputs(), steps, b, type);

        Encoding encoding = hp.variational() ? encode(batch, dropout, meanLatent, type) : null;
        INDArray classEmbedding = embedding > 0 ? Nd4j.pullRows(parameters.value("class/embedding"), 1, batch.classes()) : null;
        INDArray statics = encoding == null ? classEmbedding
                : classEmbedding == null ? encoding.z : Nd4j.hstack(encoding.z, classEmbedding);
        INDArray h0 = null, c0 = null, initial = null;
        if (hp.variational()) {
            initial = Transforms.tanh(statics.mmul(parameters.value("decoder/init/W")).addiRowVector(parameters.value("decoder/init/b")));
            c0 = initial.get(all(), interval(0, hp.decRnnSize()));
            h0 = initial.get(all(), interval(hp.decRnnSize(), 2L * hp.decRnnSize()));
        }
        INDArray mask = dropout ? dropoutMask(decoder, steps, b, type) : null;
        SequenceLayer.Run pass = decoder.forward(decoderInputs, statics, h0, c0, mask);
        INDArray outputW = parameters.value("output/W");
        INDArray outputBias = parameters.value("output/b").reshape(loss.width(), 1);
        INDArray output = Nd4j.create(type, steps, loss.width(), b);
        for (int t = 0; t < steps; t++) {
            INDArray out = output.slice(t);
            Nd4j.gemm(outputW, pass.hidden().slice(t), out, true, false, 1.0, 0.0);
            out.addiColumnVector(outputBias);
        }

        return new Forward(encoding, statics, initial, pass, output);
    }

    /**
     * The decoder's output layer for one sketch, without dropout and with z = μ: what a sampler given
     * the same class and z must compute (the checkpoint's trace).
     *
     * @return {@code [z, outputs per step]}; z is empty without a latent
     */
    float[][][] trace(StrokeBatches.Batch single) {
        Forward f = forward(single, false, true);
        float[] z = f.encoding() == null ? new float[0] : f.encoding().z.dup().data().asFloat();
        INDArray out = f.output();
        float[][] rows = new float[(int) out.size(0)][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = out.slice(t).dup().data().asFloat();
        }
        return new float[][][] {{z}, rows};
    }

    /** Time-major stroke-5 rows ({@code (t · batch + b) · 5 + k}) as {@code [steps, 5, batch]}. */
    static INDArray featureMajor(float[] rows, int steps, int batch, DataType type) {
        float[] fm = new float[rows.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < STROKE5; k++) {
                    fm[(t * STROKE5 + k) * batch + b] = rows[(t * batch + b) * STROKE5 + k];
                }
            }
        }
        return Nd4j.create(fm, new long[] {steps, STROKE5, batch}, 'c').castTo(type);
    }

    /** Keep-probability dropout on the candidate, scaled by 1/keep so that sampling needs no change. */
    private INDArray dropoutMask(SequenceLayer layer, int steps, int batch, DataType type) {
        double keep = hp.recurrentDropoutProb();
        return keep >= 1 ? null : layer.mask(steps, batch, keep, type);
    }

    private Encoding encode(StrokeBatches.Batch batch, boolean dropout, boolean meanLatent, DataType type) {
        int b = batch.size(), steps = batch.steps() - 1;
        float[] reversed = new float[steps * b * STROKE5];
        for (int k = 0; k < b; k++) {
            int n = batch.lengths()[k];
            for (int t = 0; t < steps; t++) {
                int to = (t * b + k) * STROKE5;
                if (t < n) {
                    System.arraycopy(batch.targets(), ((n - 1 - t) * b + k) * STROKE5, reversed, to, STROKE5);
                } else {
                    reversed[to + 4] = 1f;
                }
            }
        }
        INDArray forwardInputs = featureMajor(java.util.Arrays.copyOf(batch.targets(), steps * b * STROKE5), steps, b, type);
        INDArray backwardInputs = featureMajor(reversed, steps, b, type);
        Encoding e = new Encoding(batch, steps);
        e.forward = forwardEncoder.forward(forwardInputs, null, null, null, dropout ? dropoutMask(forwardEncoder, steps, b, type) : null);
        e.backward = backwardEncoder.forward(backwardInputs, null, null, null, dropout ? dropoutMask(backwardEncoder, steps, b, type) : null);
        e.last = Nd4j.create(type, b, 2L * hp.encRnnSize());
        for (int k = 0; k < b; k++) {
            int t = batch.lengths()[k] - 1;
            e.last.get(point(k), interval(0, hp.encRnnSize())).assign(e.forward.hidden.get(point(t), all(), point(k)));
            e.last.get(point(k), interval(hp.encRnnSize(), 2L * hp.encRnnSize())).assign(e.backward.hidden.get(point(t), all(), point(k)));
        }
        e.mu = e.last.mmul(parameters.value("encoder/mu/W")).addiRowVector(parameters.value("encoder/mu/b"));
        e.presig = e.last.mmul(parameters.value("encoder/presig/W")).addiRowVector(parameters.value("encoder/presig/b"));
        e.sigma = Transforms.exp(e.presig.mul(0.5));
        e.epsilon = Nd4j.randn(type, b, hp.zSize());
        e.z = meanLatent ? e.mu.dup() : e.mu.add(e.sigma.mul(e.epsilon));
        return e;
    }

    /** The encoder's pass for one batch, and its way back. */
    private final class Encoding {
        final int[] lengths;
        final int steps;
        final int batch;
        LstmLayer.Pass forward;
        LstmLayer.Pass backward;
        INDArray last;
        INDArray mu;
        INDArray presig;
        INDArray sigma;
        INDArray epsilon;
        INDArray z;

        Encoding(StrokeBatches.Batch b, int steps) {
            this.steps = steps;
            this.batch = b.size();
            lengths = b.lengths();
        }

        /** The paper's L_KL: −½·mean(1 + σ̂ − μ² − exp σ̂) over the batch and the latent dimensions. */
        double kl() {
            INDArray terms = presig.add(1).subi(mu.mul(mu)).subi(Transforms.exp(presig));
            return -0.5 * terms.meanNumber().doubleValue();
        }

        void backward(INDArray dz, double klWeight) {
            double n = (double) batch * hp.zSize();
            INDArray dMu = dz.add(mu.mul(klWeight / n));
            INDArray dPresig = dz.mul(epsilon).muli(sigma).muli(0.5).addi(Transforms.exp(presig).subi(1).muli(0.5 * klWeight / n));
            parameters.gradient("encoder/mu/W").addi(last.transpose().mmul(dMu));
            parameters.gradient("encoder/mu/b").addi(dMu.sum(true, 0));
            parameters.gradient("encoder/presig/W").addi(last.transpose().mmul(dPresig));
            parameters.gradient("encoder/presig/b").addi(dPresig.sum(true, 0));
            INDArray dLast = dMu.mmul(parameters.value("encoder/mu/W").transpose()).addi(dPresig.mmul(parameters.value("encoder/presig/W").transpose()));
            int h = hp.encRnnSize();
            INDArray dForward = Nd4j.zeros(dz.dataType(), steps, h, batch);
            INDArray dBackward = Nd4j.zeros(dz.dataType(), steps, h, batch);
            for (int k = 0; k < batch; k++) {
                int t = lengths[k] - 1;
                dForward.get(point(t), all(), point(k)).assign(dLast.get(point(k), interval(0, h)));
                dBackward.get(point(t), all(), point(k)).assign(dLast.get(point(k), interval(h, 2L * h)));
            }
            forwardEncoder.backward(forward, dForward);
            backwardEncoder.backward(backward, dBackward);
        }
    }
}
