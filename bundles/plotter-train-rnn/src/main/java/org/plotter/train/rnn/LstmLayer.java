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
 *
 * <p>{@link #forward} and {@link #backward} run whole sequences. A cell whose pre-activations are made
 * otherwise ({@link HyperLstmLayer}) drives the same steps itself: {@link #begin}, {@link #activate} per
 * step; {@link #beginBackward}, {@link #deactivate} and {@link #accumulate} per step, {@link #finish}.
 */
final class LstmLayer implements SequenceLayer {
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
        parameters.declare(prefix + "/Wx", inputs + staticInputs, gateWidth()).declare(prefix + "/Wh", units, gateWidth());
        if (layerNorm) {
            parameters.declare(prefix + "/ln/gamma", 1, gateWidth()).declare(prefix + "/ln/beta", 1, gateWidth())
                    .declare(prefix + "/ln_c/gamma", 1, units).declare(prefix + "/ln_c/beta", 1, units);
        } else {
            parameters.declare(prefix + "/b", 1, gateWidth());
        }
    }

    long gateWidth() {
        return GATES * (long) units;
    }

    /** What the forward pass keeps for the backward one; sequences are {@code [steps, features, batch]}. */
    static final class Pass implements Run {
        final int steps;
        final int batch;
        INDArray x;
        /** {@code [batch, staticInputs]}, or null. */
        INDArray v;
        /** {@code Wvᵀ·vᵀ}, {@code [4H, batch]}, or null. */
        INDArray staticProjection;
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
        /** The bias (with the forget bias) as a column, and the layer norm's gains and the cell's offsets. */
        INDArray biasColumn;
        INDArray gammaColumn;
        INDArray cellGamma;
        INDArray cellBeta;
        INDArray candidate;
        INDArray scratch;

        Pass(int steps, int batch) {
            this.steps = steps;
            this.batch = batch;
        }

        @Override
        public INDArray hidden() {
            return hidden;
        }

        /** The output before step {@code t} ({@code h0} at 0), or null for zeros. */
        INDArray hiddenBefore(int t) {
            return t > 0 ? hidden.slice(t - 1) : h0;
        }

        INDArray cellBefore(int t) {
            return t > 0 ? cells.slice(t - 1) : c0;
        }
    }

    /** Gradients reaching the layer's inputs, batch-major ({@code [batch, width]}). */
    record InputGradients(INDArray staticInput, INDArray h0, INDArray c0) {}

    /** The backward pass's running state: the gradient by this step's output and cell, and the sums for the weights. */
    final class Backward {
        final Pass pass;
        /** The gradient by the output of the step being processed; {@link #accumulate} leaves it for the step before. */
        final INDArray dh;
        final INDArray dc;
        final INDArray dcNext;
        final INDArray summedGates;
        final INDArray summedPre;
        final INDArray gammaSums;
        final INDArray cellGammaSums;
        final INDArray cellBetaSums;
        final INDArray dWxT;
        final INDArray dWhT;

        private Backward(Pass p, DataType type) {
            pass = p;
            dh = Nd4j.zeros(type, units, p.batch);
            dc = Nd4j.create(type, units, p.batch);
            dcNext = Nd4j.zeros(type, units, p.batch);
            summedGates = Nd4j.zeros(type, gateWidth(), p.batch);
            // with layer normalisation the bias (β) sees the gates after it, the static input before it
            summedPre = layerNorm ? Nd4j.zeros(type, gateWidth(), p.batch) : summedGates;
            gammaSums = layerNorm ? Nd4j.zeros(type, gateWidth(), p.batch) : null;
            cellGammaSums = layerNorm ? Nd4j.zeros(type, units, p.batch) : null;
            cellBetaSums = layerNorm ? Nd4j.zeros(type, units, p.batch) : null;
            dWxT = Nd4j.zeros(type, gateWidth(), inputs);
            dWhT = Nd4j.zeros(type, gateWidth(), units);
        }
    }

    INDArray wxSequence() {
        return parameters.value(prefix + "/Wx").get(interval(0, inputs), all());
    }

    private INDArray wxStatic() {
        return parameters.value(prefix + "/Wx").get(interval(inputs, inputs + staticInputs), all());
    }

    INDArray wh() {
        return parameters.value(prefix + "/Wh");
    }

    @Override
    public INDArray mask(int steps, int batch, double keep, DataType type) {
        return Nd4j.rand(type, steps, units, batch).lt(keep).castTo(type).divi(keep);
    }

    @Override
    public Pass forward(INDArray x, INDArray v, INDArray h0, INDArray c0, INDArray mask) {
        Pass p = begin(x, v, h0, c0, mask);
        for (int t = 0; t < p.steps; t++) {
            step(p, t);
        }
        return p;
    }

    /** Allocates a pass over {@code x} (which may be filled step by step); the arguments are {@link #forward}'s. */
    Pass begin(INDArray x, INDArray v, INDArray h0, INDArray c0, INDArray mask) {
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
        p.biasColumn = bias.reshape(gateWidth(), 1);
        if (layerNorm) {
            p.gammaColumn = parameters.value(prefix + "/ln/gamma").reshape(gateWidth(), 1);
            p.cellGamma = parameters.value(prefix + "/ln_c/gamma").reshape(units, 1);
            p.cellBeta = parameters.value(prefix + "/ln_c/beta").reshape(units, 1);
        }
        p.staticProjection = v == null ? null : wxStatic().transpose().mmul(v.transpose()); // [4H, batch]
        p.gates = Nd4j.create(type, steps, gateWidth(), batch);
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
        p.candidate = mask == null ? null : Nd4j.create(type, units, batch);
        p.scratch = Nd4j.create(type, units, batch);
        return p;
    }

    /** Step {@code t}: the pre-activations {@code x·Wx + v·Wv + h·Wh}, then {@link #activate}. */
    void step(Pass p, int t) {
        INDArray g = p.gates.slice(t);
        Nd4j.gemm(wxSequence(), p.x.slice(t), g, true, false, 1.0, 0.0);
        if (p.staticProjection != null) {
            g.addi(p.staticProjection);
        }
        INDArray hPrev = p.hiddenBefore(t);
        if (hPrev != null) {
            Nd4j.gemm(wh(), hPrev, g, true, false, 1.0, 1.0);
        }
        activate(p, t);
    }

    /** The rest of step {@code t} from its pre-activations in {@code p.gates.slice(t)}: normalisation, bias, gates, cell, output. */
    void activate(Pass p, int t) {
        INDArray g = p.gates.slice(t);
        if (layerNorm) {
            INDArray n = p.normGates.slice(t);
            for (int k = 0; k < GATES; k++) {
                row(p.gateRstd, t, k).assign(LayerNorm.forward(gate(g, k), gate(n, k)));
            }
            g.assign(n).muliColumnVector(p.gammaColumn);
        }
        g.addiColumnVector(p.biasColumn);
        INDArray a = p.acts.slice(t);
        Nd4j.getExecutioner().exec(new Sigmoid(g, a));
        Nd4j.getExecutioner().exec(new Tanh(gate(g, 1), gate(a, 1)));
        INDArray used = p.mask == null ? gate(a, 1) : gate(a, 1).mul(p.mask.slice(t), p.candidate);
        INDArray c = p.cells.slice(t);
        gate(a, 0).mul(used, c);
        INDArray cPrev = p.cellBefore(t);
        if (cPrev != null) {
            c.addi(gate(a, 2).mul(cPrev, p.scratch));
        }
        INDArray tc = p.tanhCells.slice(t);
        INDArray cellOutput = c;
        if (layerNorm) {
            INDArray nc = p.normCells.slice(t);
            row(p.cellRstd, t, 0).assign(LayerNorm.forward(c, nc));
            cellOutput = nc.mulColumnVector(p.cellGamma).addiColumnVector(p.cellBeta);
        }
        Nd4j.getExecutioner().exec(new Tanh(cellOutput, tc));
        tc.mul(gate(a, 3), p.hidden.slice(t));
    }

    /** Row {@code k} of step {@code t} of a {@code [steps, rows, batch]} array, as {@code [1, batch]}. */
    private static INDArray row(INDArray a, int t, int k) {
        return a.get(point(t), interval(k, k + 1), all());
    }

    /** Block {@code k} of the four gates of one step ({@code [4H, batch]}): contiguous rows. */
    INDArray gate(INDArray step, int k) {
        return step.get(interval((long) k * units, (long) (k + 1) * units), all());
    }

    @Override
    public InputGradients backward(Run run, INDArray dHidden) {
        Pass p = (Pass) run;
        Backward b = beginBackward(p);
        for (int t = p.steps - 1; t >= 0; t--) {
            b.dh.addi(dHidden.slice(t));
            INDArray dPre = deactivate(b, t);
            accumulate(b, t, dPre, dPre);
        }
        return finish(b);
    }

    Backward beginBackward(Pass p) {
        return new Backward(p, p.gates.dataType());
    }

    /**
     * From {@code b.dh} (the gradient by step {@code t}'s output) to the gradient by its pre-activations,
     * written over {@code p.gates.slice(t)} and returned; carries the cell's gradient to step {@code t − 1}
     * and sums the bias and normalisation gradients.
     */
    INDArray deactivate(Backward b, int t) {
        Pass p = b.pass;
        INDArray dh = b.dh, dc = b.dc, dcNext = b.dcNext;
        INDArray a = p.acts.slice(t);
        INDArray i = gate(a, 0), j = gate(a, 1), f = gate(a, 2), o = gate(a, 3);
        INDArray tc = p.tanhCells.slice(t);
        INDArray cPrev = p.cellBefore(t);
        // dc = dc' + dh · o · (1 − tanh²c), through the cell's normalisation when there is one
        tc.mul(tc, dc).rsubi(1).muli(o).muli(dh);
        if (layerNorm) {
            INDArray nc = p.normCells.slice(t);
            b.cellBetaSums.addi(dc);
            b.cellGammaSums.addi(dc.mul(nc));
            LayerNorm.backwardInPlace(dc.muliColumnVector(p.cellGamma), nc, row(p.cellRstd, t, 0));
        }
        dc.addi(dcNext);
        INDArray dG = p.gates.slice(t);
        INDArray used = p.mask == null ? j : j.mul(p.mask.slice(t), p.candidate);
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
        b.summedGates.addi(dG);
        if (layerNorm) {
            INDArray n = p.normGates.slice(t);
            b.gammaSums.addi(dG.mul(n));
            dG.muliColumnVector(p.gammaColumn);
            for (int k = 0; k < GATES; k++) {
                LayerNorm.backwardInPlace(gate(dG, k), gate(n, k), row(p.gateRstd, t, k));
            }
        }
        return dG;
    }

    /**
     * Adds step {@code t}'s weight gradients, given the gradients by its input part ({@code dPreX}, by
     * {@code x·Wx + v·Wv}) and its recurrent part ({@code dPreH}, by {@code h·Wh}) of the pre-activations
     * (the same array for a plain cell), and leaves the gradient by the previous output in {@code b.dh}.
     */
    void accumulate(Backward b, int t, INDArray dPreX, INDArray dPreH) {
        Pass p = b.pass;
        if (layerNorm) {
            b.summedPre.addi(dPreX);
        }
        Nd4j.gemm(dPreX, p.x.slice(t), b.dWxT, false, true, 1.0, 1.0);
        INDArray hPrev = p.hiddenBefore(t);
        if (hPrev != null) {
            Nd4j.gemm(dPreH, hPrev, b.dWhT, false, true, 1.0, 1.0);
        }
        Nd4j.gemm(wh(), dPreH, b.dh, false, false, 1.0, 0.0);
    }

    /** Adds the summed weight gradients to the parameter set's; returns what reaches the static input and the initial state. */
    InputGradients finish(Backward b) {
        long gateWidth = gateWidth();
        INDArray dWx = parameters.gradient(prefix + "/Wx");
        dWx.get(interval(0, inputs), all()).addi(b.dWxT.transpose());
        parameters.gradient(prefix + "/Wh").addi(b.dWhT.transpose());
        if (layerNorm) {
            parameters.gradient(prefix + "/ln/beta").addi(b.summedGates.sum(1).reshape(1, gateWidth));
            parameters.gradient(prefix + "/ln/gamma").addi(b.gammaSums.sum(1).reshape(1, gateWidth));
            parameters.gradient(prefix + "/ln_c/beta").addi(b.cellBetaSums.sum(1).reshape(1, units));
            parameters.gradient(prefix + "/ln_c/gamma").addi(b.cellGammaSums.sum(1).reshape(1, units));
        } else {
            parameters.gradient(prefix + "/b").addi(b.summedGates.sum(1).reshape(1, gateWidth));
        }
        INDArray dStatic = null;
        if (b.pass.v != null) {
            dWx.get(interval(inputs, inputs + staticInputs), all()).addi(b.summedPre.mmul(b.pass.v).transpose());
            dStatic = b.summedPre.transpose().mmul(wxStatic().transpose());
        }
        return new InputGradients(dStatic, b.dh.transpose(), b.dcNext.transpose());
    }
}
