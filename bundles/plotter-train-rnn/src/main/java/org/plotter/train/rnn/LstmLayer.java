package org.plotter.train.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An LSTM over whole sequences with back-propagation through time, in TensorFlow's LSTMCell form so
 * its weights run unchanged in the sampling kernels: gates {@code [i, j, f, o] = x·Wx + v·Wv + h·Wh + b},
 * {@code c' = c·σ(f + 1) + σ(i)·tanh(j)·m}, {@code h' = tanh(c')·σ(o)}, where {@code v} is an input
 * that is the same at every step (latent vector, class embedding) and {@code m} the recurrent dropout
 * mask on the candidate (Semeniuta et al., as magenta does).
 *
 * <p>With layer normalisation (magenta's {@code LayerNormLSTMCell}) the gates have no bias: each of the
 * four blocks of {@code x·Wx + v·Wv + h·Wh} is normalised on its own and becomes {@code γ·n + β}, and the
 * output is {@code h' = tanh(γc·LN(c') + βc)·σ(o)}.
 *
 * <p>Sequences are feature-major, {@code [steps, features, batch]}: a step is one contiguous matrix,
 * each of its gates a contiguous block, so every operation runs on contiguous memory and nothing is
 * ever transposed in bulk. Weight gradients are accumulated step by step, transposed, and added once.
 */
final class LstmLayer {
    static final float FORGET_BIAS = 1.0f;
    static final int GATES = 4;

    private final ParameterSet parameters;
    private final String prefix;
    final int inputs;
    final int staticInputs;
    final int units;
    final boolean layerNorm;

    /**
     * Declares {@code PREFIX/Wx} ({@code [inputs + staticInputs, 4H]}, sequence rows first), {@code /Wh},
     * and {@code /b}, or with layer normalisation {@code /ln/gamma}, {@code /ln/beta} ({@code [1, 4H]}) and
     * {@code /ln_c/gamma}, {@code /ln_c/beta} ({@code [1, H]}) instead of the bias.
     */
    LstmLayer(ParameterSet parameters, String prefix, int inputs, int staticInputs, int units, boolean layerNorm) {
        this.parameters = parameters;
        this.prefix = prefix;
        this.inputs = inputs;
        this.staticInputs = staticInputs;
        this.units = units;
        this.layerNorm = layerNorm;
        long gateWidth = GATES * (long) units;
        parameters.declare(prefix + "/Wx", inputs + staticInputs, gateWidth).declare(prefix + "/Wh", units, gateWidth);
        if (layerNorm) {
            parameters.declare(prefix + "/ln/gamma", 1, gateWidth).declare(prefix + "/ln/beta", 1, gateWidth)
                    .declare(prefix + "/ln_c/gamma", 1, units).declare(prefix + "/ln_c/beta", 1, units);
        } else {
            parameters.declare(prefix + "/b", 1, gateWidth);
        }
    }

    /** What the forward pass keeps for the backward one; sequences are {@code [steps, features, batch]}. */
    static final class Pass {
        final int steps;
        final int batch;
        INDArray x;
        /** {@code [batch, staticInputs]}, or null. */
        INDArray v;
        /** {@code [H, batch]}, or null for zeros. */
        INDArray h0;
        INDArray c0;
        /** Pre-activations, then (after backward) their gradients. */
        INDArray gates;
        /** σ(i), tanh(j) before the mask, σ(f + 1), σ(o). */
        INDArray acts;
        INDArray mask;
        INDArray cells;
        INDArray tanhCells;
        /** The output at every step. */
        INDArray hidden;
        /** Layer normalisation only: the normalised gates and cells, and their 1/σ per block and column. */
        INDArray normGates;
        INDArray gateRstd;
        INDArray normCells;
        INDArray cellRstd;

        Pass(int steps, int batch) {
            this.steps = steps;
            this.batch = batch;
        }
    }

    /** Gradients reaching the layer's inputs, batch-major ({@code [batch, width]}). */
    record InputGradients(INDArray staticInput, INDArray h0, INDArray c0) {}

    private INDArray wxSequence() {
        return parameters.value(prefix + "/Wx").get(interval(0, inputs), all());
    }

    private INDArray wxStatic() {
        return parameters.value(prefix + "/Wx").get(interval(inputs, inputs + staticInputs), all());
    }

    /** A dropout mask in this layer's layout {@code [steps, H, batch]}, already divided by the keep probability. */
    INDArray mask(int steps, int batch, double keep, DataType type) {
        return Nd4j.rand(type, steps, units, batch).lt(keep).castTo(type).divi(keep);
    }

    /**
     * @param x the sequence inputs {@code [steps, inputs, batch]}
     * @param v the static inputs {@code [batch, staticInputs]}, or null when there are none
     * @param h0 initial output {@code [batch, H]}, or null for zeros (likewise {@code c0})
     * @param mask recurrent dropout mask from {@link #mask}, or null
     */
    Pass forward(INDArray x, INDArray v, INDArray h0, INDArray c0, INDArray mask) {
        int steps = (int) x.size(0), batch = (int) x.size(2);
        DataType type = x.dataType();
        Pass p = new Pass(steps, batch);
        p.x = x;
        p.v = v;
        p.h0 = h0 == null ? null : h0.transpose().dup('c');
        p.c0 = c0 == null ? null : c0.transpose().dup('c');
        p.mask = mask;
        // the forget bias goes where the bias is added: before the nonlinearity, after any normalisation
        INDArray bias = parameters.value(prefix + (layerNorm ? "/ln/beta" : "/b")).dup();
        bias.get(all(), interval(2L * units, 3L * units)).addi(FORGET_BIAS);
        INDArray biasColumn = bias.reshape(GATES * (long) units, 1);
        INDArray gammaColumn = layerNorm ? parameters.value(prefix + "/ln/gamma").reshape(GATES * (long) units, 1) : null;
        INDArray cellGamma = layerNorm ? parameters.value(prefix + "/ln_c/gamma").reshape(units, 1) : null;
        INDArray cellBeta = layerNorm ? parameters.value(prefix + "/ln_c/beta").reshape(units, 1) : null;
        INDArray staticProjection = v == null ? null : wxStatic().transpose().mmul(v.transpose()); // [4H, batch]
        p.gates = Nd4j.create(type, steps, (long) GATES * units, batch);
        p.acts = p.gates.like();
        p.cells = Nd4j.create(type, steps, units, batch);
        p.tanhCells = p.cells.like();
        p.hidden = p.cells.like();
        if (layerNorm) {
            p.normGates = p.gates.like();
            p.gateRstd = Nd4j.create(type, steps, GATES, batch);
            p.normCells = p.cells.like();
            p.cellRstd = Nd4j.create(type, steps, 1, batch);
        }
        INDArray wx = wxSequence();
        INDArray wh = parameters.value(prefix + "/Wh");
        INDArray candidate = mask == null ? null : Nd4j.create(type, units, batch);
        INDArray scratch = Nd4j.create(type, units, batch);
        INDArray hPrev = p.h0;
        INDArray cPrev = p.c0;
        for (int t = 0; t < steps; t++) {
            INDArray g = p.gates.slice(t);
            Nd4j.gemm(wx, x.slice(t), g, true, false, 1.0, 0.0);
            if (staticProjection != null) {
                g.addi(staticProjection);
            }
            if (hPrev != null) {
                Nd4j.gemm(wh, hPrev, g, true, false, 1.0, 1.0);
            }
            if (layerNorm) {
                INDArray n = p.normGates.slice(t);
                for (int k = 0; k < GATES; k++) {
                    row(p.gateRstd, t, k).assign(LayerNorm.forward(gate(g, k), gate(n, k)));
                }
                g.assign(n).muliColumnVector(gammaColumn);
            }
            g.addiColumnVector(biasColumn);
            INDArray a = p.acts.slice(t);
            Nd4j.getExecutioner().exec(new Sigmoid(g, a));
            Nd4j.getExecutioner().exec(new Tanh(gate(g, 1), gate(a, 1)));
            INDArray used = mask == null ? gate(a, 1) : gate(a, 1).mul(mask.slice(t), candidate);
            INDArray c = p.cells.slice(t);
            gate(a, 0).mul(used, c);
            if (cPrev != null) {
                c.addi(gate(a, 2).mul(cPrev, scratch));
            }
            INDArray tc = p.tanhCells.slice(t);
            INDArray cellOutput = c;
            if (layerNorm) {
                INDArray nc = p.normCells.slice(t);
                row(p.cellRstd, t, 0).assign(LayerNorm.forward(c, nc));
                cellOutput = nc.mulColumnVector(cellGamma).addiColumnVector(cellBeta);
            }
            Nd4j.getExecutioner().exec(new Tanh(cellOutput, tc));
            INDArray h = p.hidden.slice(t);
            tc.mul(gate(a, 3), h);
            hPrev = h;
            cPrev = c;
        }
        return p;
    }

    /** Row {@code k} of step {@code t} of a {@code [steps, rows, batch]} array, as {@code [1, batch]}. */
    private static INDArray row(INDArray a, int t, int k) {
        return a.get(point(t), interval(k, k + 1), all());
    }

    /** Block {@code k} of the four gates of one step ({@code [4H, batch]}): contiguous rows. */
    private INDArray gate(INDArray step, int k) {
        return step.get(interval((long) k * units, (long) (k + 1) * units), all());
    }

    /**
     * Back-propagates {@code dHidden} ({@code [steps, H, batch]}: the loss's gradient by each step's
     * output), adding the weight gradients to the parameter set's gradient vector.
     */
    InputGradients backward(Pass p, INDArray dHidden) {
        INDArray wh = parameters.value(prefix + "/Wh");
        DataType type = dHidden.dataType();
        long gateWidth = GATES * (long) units;
        INDArray dh = Nd4j.zeros(type, units, p.batch);
        INDArray dc = Nd4j.create(type, units, p.batch);
        INDArray dcNext = Nd4j.zeros(type, units, p.batch);
        INDArray candidate = p.mask == null ? null : Nd4j.create(type, units, p.batch);
        INDArray summedGates = Nd4j.zeros(type, gateWidth, p.batch);
        // with layer normalisation the bias (β) sees the gates after it, the static input before it
        INDArray summedPre = layerNorm ? Nd4j.zeros(type, gateWidth, p.batch) : summedGates;
        INDArray gammaSums = layerNorm ? Nd4j.zeros(type, gateWidth, p.batch) : null;
        INDArray cellGammaSums = layerNorm ? Nd4j.zeros(type, units, p.batch) : null;
        INDArray cellBetaSums = layerNorm ? Nd4j.zeros(type, units, p.batch) : null;
        INDArray gammaColumn = layerNorm ? parameters.value(prefix + "/ln/gamma").reshape(gateWidth, 1) : null;
        INDArray cellGamma = layerNorm ? parameters.value(prefix + "/ln_c/gamma").reshape(units, 1) : null;
        INDArray dWxT = Nd4j.zeros(type, gateWidth, inputs);
        INDArray dWhT = Nd4j.zeros(type, gateWidth, units);
        for (int t = p.steps - 1; t >= 0; t--) {
            dh.addi(dHidden.slice(t));
            INDArray a = p.acts.slice(t);
            INDArray i = gate(a, 0), j = gate(a, 1), f = gate(a, 2), o = gate(a, 3);
            INDArray tc = p.tanhCells.slice(t);
            INDArray cPrev = t > 0 ? p.cells.slice(t - 1) : p.c0;
            INDArray hPrev = t > 0 ? p.hidden.slice(t - 1) : p.h0;
            // dc = dc' + dh · o · (1 − tanh²c), through the cell's normalisation when there is one
            tc.mul(tc, dc).rsubi(1).muli(o).muli(dh);
            if (layerNorm) {
                INDArray nc = p.normCells.slice(t);
                cellBetaSums.addi(dc);
                cellGammaSums.addi(dc.mul(nc));
                LayerNorm.backwardInPlace(dc.muliColumnVector(cellGamma), nc, row(p.cellRstd, t, 0));
            }
            dc.addi(dcNext);
            INDArray dG = p.gates.slice(t);
            INDArray used = p.mask == null ? j : j.mul(p.mask.slice(t), candidate);
            i.rsub(1, gate(dG, 0)).muli(i).muli(used).muli(dc);
            INDArray dj = j.mul(j, gate(dG, 1)).rsubi(1).muli(i).muli(dc);
            if (p.mask != null) {
                dj.muli(p.mask.slice(t));
            }
            if (cPrev != null) {
                f.rsub(1, gate(dG, 2)).muli(f).muli(cPrev).muli(dc);
            } else {
                gate(dG, 2).assign(0);
            }
            o.rsub(1, gate(dG, 3)).muli(o).muli(tc).muli(dh);
            dc.mul(f, dcNext);
            summedGates.addi(dG);
            if (layerNorm) {
                INDArray n = p.normGates.slice(t);
                gammaSums.addi(dG.mul(n));
                dG.muliColumnVector(gammaColumn);
                for (int k = 0; k < GATES; k++) {
                    LayerNorm.backwardInPlace(gate(dG, k), gate(n, k), row(p.gateRstd, t, k));
                }
                summedPre.addi(dG);
            }
            Nd4j.gemm(dG, p.x.slice(t), dWxT, false, true, 1.0, 1.0);
            if (hPrev != null) {
                Nd4j.gemm(dG, hPrev, dWhT, false, true, 1.0, 1.0);
            }
            Nd4j.gemm(wh, dG, dh, false, false, 1.0, 0.0);
        }
        INDArray dWx = parameters.gradient(prefix + "/Wx");
        dWx.get(interval(0, inputs), all()).addi(dWxT.transpose());
        parameters.gradient(prefix + "/Wh").addi(dWhT.transpose());
        if (layerNorm) {
            parameters.gradient(prefix + "/ln/beta").addi(summedGates.sum(1).reshape(1, gateWidth));
            parameters.gradient(prefix + "/ln/gamma").addi(gammaSums.sum(1).reshape(1, gateWidth));
            parameters.gradient(prefix + "/ln_c/beta").addi(cellBetaSums.sum(1).reshape(1, units));
            parameters.gradient(prefix + "/ln_c/gamma").addi(cellGammaSums.sum(1).reshape(1, units));
        } else {
            parameters.gradient(prefix + "/b").addi(summedGates.sum(1).reshape(1, gateWidth));
        }
        INDArray dStatic = null;
        if (p.v != null) {
            dWx.get(interval(inputs, inputs + staticInputs), all()).addi(summedPre.mmul(p.v).transpose());
            dStatic = summedPre.transpose().mmul(wxStatic().transpose());
        }
        return new InputGradients(dStatic, dh.transpose(), dcNext.transpose());
    }
}
