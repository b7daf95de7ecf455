package org.plotter.train.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The HyperLSTM (Ha, Dai &amp; Le 2016) as magenta's {@code HyperLSTMCell} with its defaults (layer norm on,
 * no recurrent dropout in the small cell): a small layer-normalised LSTM, the hyper cell, reads
 * {@code [x, v, h]} and its output {@code ĥ} scales the main cell's weights row by row at every step.
 * For each of the eight parts {@code ix … ox} (of {@code x·Wx}) and {@code ih … oh} (of {@code h·Wh}):
 * {@code z = ĥ·Wz + bz} (size E), {@code α = z·Wα}; the recurrent parts also get an offset
 * {@code β = (ĥ·Wzb)·Wβ}. The main pre-activations {@code α_x ⊙ x·Wx + α_h ⊙ h·Wh + β + b} then go through
 * the layer-normalised LSTM update of {@link LstmLayer}.
 *
 * <p>Parameters, beside the main cell's ({@code PREFIX/Wx}, {@code /Wh}, {@code /ln…}) and the hyper
 * cell's ({@code PREFIX/hyper/…}): {@code PREFIX/b} {@code [1, 4H]}; {@code PREFIX/hyper/zw/W}
 * {@code [Hh, 8E]} and {@code /zw/b} {@code [1, 8E]}; {@code PREFIX/hyper/alpha} {@code [8E, H]} (part k in
 * rows {@code kE…}); {@code PREFIX/hyper/zb/W} {@code [Hh, 4E]}; {@code PREFIX/hyper/beta} {@code [4E, H]}.
 */
final class HyperLstmLayer implements SequenceLayer {
    /** Scaled parts: the four gates of {@code x·Wx}, then of {@code h·Wh}. */
    static final int SCALED_PARTS = 2 * LstmLayer.GATES;
    /** Magenta's starting scale of every part (after Cooijmans et al.'s recurrent batch norm). */
    static final double INITIAL_SCALE = 0.10;
    /** Magenta's starting deviation of {@code Wzb}. */
    static final double OFFSET_INIT_DEVIATION = 0.01;

    private final ParameterSet parameters;
    private final String prefix;
    private final LstmLayer main;
    private final LstmLayer hyper;
    private final int inputs;
    private final int units;
    private final int embedding;

    HyperLstmLayer(ParameterSet parameters, String prefix, int inputs, int staticInputs, int units, int hyperUnits, int embedding) {
        this.parameters = parameters;
        this.prefix = prefix;
        this.inputs = inputs;
        this.units = units;
        this.embedding = embedding;
        this.main = new LstmLayer(parameters, prefix, inputs, staticInputs, units, true);
        this.hyper = new LstmLayer(parameters, prefix + "/hyper", inputs + units, staticInputs, hyperUnits, true);
        parameters.declare(prefix + "/b", 1, main.gateWidth())
                .declare(prefix + "/hyper/zw/W", hyperUnits, (long) SCALED_PARTS * embedding)
                .declare(prefix + "/hyper/zw/b", 1, (long) SCALED_PARTS * embedding)
                .declare(prefix + "/hyper/alpha", (long) SCALED_PARTS * embedding, units)
                .declare(prefix + "/hyper/zb/W", hyperUnits, (long) LstmLayer.GATES * embedding)
                .declare(prefix + "/hyper/beta", (long) LstmLayer.GATES * embedding, units);
    }

    /** Magenta's start: every part scaled by {@link #INITIAL_SCALE}, no offsets (z = 1, α = 0.1/E per unit of z). */
    void initialise() {
        value("/hyper/zw/W").assign(0);
        value("/hyper/zw/b").assign(1);
        value("/hyper/alpha").assign(INITIAL_SCALE / embedding);
        INDArray zb = value("/hyper/zb/W");
        zb.assign(Nd4j.randn(zb.dataType(), zb.shape()).muli(OFFSET_INIT_DEVIATION));
        value("/hyper/beta").assign(0);
        value("/b").assign(0);
    }

    private INDArray value(String name) {
        return parameters.value(prefix + name);
    }

    private INDArray gradient(String name) {
        return parameters.gradient(prefix + name);
    }

    /** A forward pass: the main cell's and the hyper cell's, and what joins them at every step. */
    static final class Pass implements Run {
        LstmLayer.Pass main;
        LstmLayer.Pass hyper;
        /** {@code x·Wx + v·Wv} and {@code h·Wh} before scaling, {@code [steps, 4H, batch]}. */
        INDArray inputPart;
        INDArray recurrentPart;
        /** z of the scales {@code [steps, 8E, batch]} and of the offsets {@code [steps, 4E, batch]}. */
        INDArray scaleEmbedding;
        INDArray offsetEmbedding;
        /** The scales α, {@code [steps, 8H, batch]}: four gates of the input part, then of the recurrent part. */
        INDArray scales;

        @Override
        public INDArray hidden() {
            return main.hidden;
        }
    }

    @Override
    public INDArray mask(int steps, int batch, double keep, DataType type) {
        return main.mask(steps, batch, keep, type);
    }

    @Override
    public Pass forward(INDArray x, INDArray v, INDArray h0, INDArray c0, INDArray mask) {
        int steps = (int) x.size(0), batch = (int) x.size(2);
        DataType type = x.dataType();
        long gates = main.gateWidth(), e = embedding;
        Pass p = new Pass();
        p.main = main.begin(x, v, h0, c0, mask);
        p.hyper = hyper.begin(Nd4j.zeros(type, steps, inputs + units, batch), v, null, null, null);
        p.inputPart = Nd4j.create(type, steps, gates, batch);
        p.recurrentPart = Nd4j.zeros(type, steps, gates, batch);
        p.scaleEmbedding = Nd4j.create(type, steps, SCALED_PARTS * e, batch);
        p.offsetEmbedding = Nd4j.create(type, steps, LstmLayer.GATES * e, batch);
        p.scales = Nd4j.create(type, steps, SCALED_PARTS * (long) units, batch);
        INDArray zwW = value("/hyper/zw/W"), zbW = value("/hyper/zb/W"), alpha = value("/hyper/alpha"), beta = value("/hyper/beta");
        INDArray zwB = value("/hyper/zw/b").reshape(SCALED_PARTS * e, 1), bias = value("/b").reshape(gates, 1);
        for (int t = 0; t < steps; t++) {
            INDArray hPrev = p.main.hiddenBefore(t);
            INDArray hyperInput = p.hyper.x.slice(t);
            hyperInput.get(interval(0, inputs), all()).assign(x.slice(t));
            if (hPrev != null) {
                hyperInput.get(interval(inputs, inputs + units), all()).assign(hPrev);
            }
            hyper.step(p.hyper, t);
            INDArray hHat = p.hyper.hidden.slice(t);
            INDArray zw = p.scaleEmbedding.slice(t), zb = p.offsetEmbedding.slice(t), scales = p.scales.slice(t);
            Nd4j.gemm(zwW, hHat, zw, true, false, 1.0, 0.0);
            zw.addiColumnVector(zwB);
            Nd4j.gemm(zbW, hHat, zb, true, false, 1.0, 0.0);
            for (int k = 0; k < SCALED_PARTS; k++) {
                Nd4j.gemm(block(alpha, k, e), block(zw, k, e), block(scales, k, units), true, false, 1.0, 0.0);
            }
            INDArray xPart = p.inputPart.slice(t), hPart = p.recurrentPart.slice(t);
            Nd4j.gemm(main.wxSequence(), x.slice(t), xPart, true, false, 1.0, 0.0);
            if (p.main.staticProjection != null) {
                xPart.addi(p.main.staticProjection);
            }
            if (hPrev != null) {
                Nd4j.gemm(main.wh(), hPrev, hPart, true, false, 1.0, 0.0);
            }
            INDArray pre = p.main.gates.slice(t);
            xPart.mul(block(scales, 0, gates), pre).addi(hPart.mul(block(scales, 1, gates))).addiColumnVector(bias);
            for (int k = 0; k < LstmLayer.GATES; k++) {
                Nd4j.gemm(block(beta, k, e), block(zb, k, e), main.gate(pre, k), true, false, 1.0, 1.0);
            }
            main.activate(p.main, t);
        }
        return p;
    }

    /** Rows {@code k·size … (k+1)·size} of a matrix (a part's block). */
    private static INDArray block(INDArray a, int k, long size) {
        return a.get(interval(k * size, (k + 1) * size), all());
    }

    @Override
    public LstmLayer.InputGradients backward(Run run, INDArray dHidden) {
        Pass p = (Pass) run;
        DataType type = dHidden.dataType();
        long gates = main.gateWidth(), e = embedding;
        int batch = p.main.batch;
        LstmLayer.Backward bm = main.beginBackward(p.main), bh = hyper.beginBackward(p.hyper);
        INDArray zwW = value("/hyper/zw/W"), zbW = value("/hyper/zb/W"), alpha = value("/hyper/alpha"), beta = value("/hyper/beta");
        INDArray dZwW = Nd4j.zeros(type, zwW.shape()), dZbW = Nd4j.zeros(type, zbW.shape());
        INDArray dAlpha = Nd4j.zeros(type, alpha.shape()), dBeta = Nd4j.zeros(type, beta.shape());
        INDArray zwSums = Nd4j.zeros(type, SCALED_PARTS * e, batch), biasSums = Nd4j.zeros(type, gates, batch);
        INDArray dScales = Nd4j.create(type, SCALED_PARTS * (long) units, batch);
        INDArray dZw = Nd4j.create(type, SCALED_PARTS * e, batch), dZb = Nd4j.create(type, LstmLayer.GATES * e, batch);
        INDArray dXPart = Nd4j.create(type, gates, batch), dHPart = Nd4j.create(type, gates, batch);
        INDArray dHyperInput = Nd4j.create(type, inputs + units, batch);
        for (int t = p.main.steps - 1; t >= 0; t--) {
            bm.dh.addi(dHidden.slice(t));
            INDArray dPre = main.deactivate(bm, t);
            biasSums.addi(dPre);
            INDArray scales = p.scales.slice(t), xPart = p.inputPart.slice(t), hPart = p.recurrentPart.slice(t);
            dPre.mul(block(scales, 0, gates), dXPart);
            dPre.mul(block(scales, 1, gates), dHPart);
            dPre.mul(xPart, block(dScales, 0, gates));
            dPre.mul(hPart, block(dScales, 1, gates));
            INDArray zw = p.scaleEmbedding.slice(t), zb = p.offsetEmbedding.slice(t), hHat = p.hyper.hidden.slice(t);
            for (int k = 0; k < SCALED_PARTS; k++) {
                INDArray dScale = block(dScales, k, units);
                Nd4j.gemm(block(alpha, k, e), dScale, block(dZw, k, e), false, false, 1.0, 0.0);
                Nd4j.gemm(block(zw, k, e), dScale, block(dAlpha, k, e), false, true, 1.0, 1.0);
            }
            for (int k = 0; k < LstmLayer.GATES; k++) {
                INDArray dOffset = main.gate(dPre, k);
                Nd4j.gemm(block(beta, k, e), dOffset, block(dZb, k, e), false, false, 1.0, 0.0);
                Nd4j.gemm(block(zb, k, e), dOffset, block(dBeta, k, e), false, true, 1.0, 1.0);
            }
            zwSums.addi(dZw);
            Nd4j.gemm(hHat, dZw, dZwW, false, true, 1.0, 1.0);
            Nd4j.gemm(hHat, dZb, dZbW, false, true, 1.0, 1.0);
            main.accumulate(bm, t, dXPart, dHPart); // bm.dh: the main recurrence's share of dL/dh(t−1)
            bh.dh.addi(zwW.mmul(dZw)).addi(zbW.mmul(dZb));
            INDArray dHyperPre = hyper.deactivate(bh, t);
            Nd4j.gemm(hyper.wxSequence(), dHyperPre, dHyperInput, false, false, 1.0, 0.0);
            hyper.accumulate(bh, t, dHyperPre, dHyperPre);
            bm.dh.addi(dHyperInput.get(interval(inputs, inputs + units), all())); // h(t−1) was also the hyper cell's input
        }
        gradient("/b").addi(biasSums.sum(1).reshape(1, gates));
        gradient("/hyper/zw/W").addi(dZwW);
        gradient("/hyper/zw/b").addi(zwSums.sum(1).reshape(1, SCALED_PARTS * e));
        gradient("/hyper/alpha").addi(dAlpha);
        gradient("/hyper/zb/W").addi(dZbW);
        gradient("/hyper/beta").addi(dBeta);
        LstmLayer.InputGradients hyperInputs = hyper.finish(bh);
        LstmLayer.InputGradients mainInputs = main.finish(bm);
        INDArray dStatic = mainInputs.staticInput() == null ? null : mainInputs.staticInput().addi(hyperInputs.staticInput());
        return new LstmLayer.InputGradients(dStatic, mainInputs.h0(), mainInputs.c0());
    }
}
