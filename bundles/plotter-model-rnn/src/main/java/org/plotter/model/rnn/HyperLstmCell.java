package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.GATES;

/**
 * One step of the HyperLSTM decoder (Ha, Dai &amp; Le 2016; magenta's {@code HyperLSTMCell} with layer norm)
 * on float arrays. A small layer-normalised LSTM, the hyper cell, reads {@code [x, h]} (its share of the
 * constant conditioning folded into its state's bias) and its output {@code ĥ} scales the main cell's
 * pre-activations part by part: {@code α = (ĥ·Wzw + bzw)·Wα} for the four gates of {@code x·Wx} and of
 * {@code h·Wh}, plus offsets {@code β = (ĥ·Wzb)·Wβ} on the recurrent ones; then the main cell's
 * layer-normalised update ({@link LayerNormWeights}).
 */
final class HyperLstmCell implements DecoderCell {
    static final int SCALED_PARTS = 2 * GATES;

    /**
     * A HyperLSTM's tensors as the trainer writes them (row-major).
     *
     * @param inputs the sequence input (stroke-5) width; static inputs follow it in the rows of {@code wx} and {@code hyperWx}
     * @param wx the main cell's input weights {@code [inputs + static, 4H]}
     * @param hyperWx the hyper cell's {@code [inputs + H + static, 4Hh]}: stroke rows, then the main cell's output, then static
     * @param zwW {@code [Hh, 8E]}, {@code zwB} {@code [8E]}, {@code alpha} {@code [8E, H]}, {@code zbW} {@code [Hh, 4E]}, {@code beta} {@code [4E, H]}
     */
    record Weights(int inputs, int staticInputs, int units, int hyperUnits, int embedding, float[] wx, float[] wh, float[] b,
            LayerNormWeights layerNorm, float[] hyperWx, float[] hyperWh, LayerNormWeights hyperLayerNorm, float[] zwW, float[] zwB,
            float[] alpha, float[] zbW, float[] beta) {
        Weights {
            int gates = GATES * units, e = embedding;
            if (wx.length != (inputs + staticInputs) * gates || hyperWx.length != (inputs + units + staticInputs) * GATES * hyperUnits
                    || zwW.length != hyperUnits * SCALED_PARTS * e || zwB.length != SCALED_PARTS * e || alpha.length != SCALED_PARTS * e * units
                    || zbW.length != hyperUnits * GATES * e || beta.length != GATES * e * units) {
                throw new IllegalArgumentException("the HyperLSTM's tensors do not fit together (" + units + " units, " + hyperUnits
                        + " hyper units, embedding " + e + ")");
            }
        }
    }

    /** The main cell's state, the hyper cell's, and the buffers of one step. */
    static final class State extends LstmCell.State {
        final LstmCell.State hyper;
        /** The conditioning's share of {@code x·Wx}, the same at every step. */
        final float[] inputBias;
        final float[] hyperInput;
        final float[] inputPart;
        final float[] recurrentPart;
        final float[] scaleEmbedding;
        final float[] offsetEmbedding;

        State(Weights w, LstmCell.State hyper, float[] inputBias) {
            super(w.units(), w.b());
            this.hyper = hyper;
            this.inputBias = inputBias;
            hyperInput = new float[w.inputs() + w.units()];
            inputPart = new float[GATES * w.units()];
            recurrentPart = new float[GATES * w.units()];
            scaleEmbedding = new float[SCALED_PARTS * w.embedding()];
            offsetEmbedding = new float[GATES * w.embedding()];
        }
    }

    private final Weights w;
    private final int gates;
    private final LstmCell hyperCell;
    private final Kernels.MatVec recurrent;

    HyperLstmCell(Weights w, Kernels kernels) {
        this.w = w;
        this.gates = GATES * w.units();
        int hyperInputs = w.inputs() + w.units(), hyperGates = GATES * w.hyperUnits();
        this.hyperCell = new LstmCell(hyperInputs, w.hyperUnits(), java.util.Arrays.copyOf(w.hyperWx(), hyperInputs * hyperGates), w.hyperWh(),
                new float[hyperGates], w.hyperLayerNorm(), kernels);
        this.recurrent = kernels.matrix(w.wh(), w.units(), gates);
    }

    @Override
    public State zeroState() {
        return start(new float[w.staticInputs()], new float[w.units()], new float[w.units()]);
    }

    /** A sequence conditioned on {@code v} (latent, class embedding), from {@code h0}, {@code c0}. */
    State start(float[] v, float[] h0, float[] c0) {
        int hyperGates = GATES * w.hyperUnits(), hyperStaticRow = w.inputs() + w.units();
        float[] inputBias = new float[gates], hyperBias = new float[hyperGates];
        for (int k = 0; k < v.length; k++) {
            ScalarKernels.accumulateRow(v[k], w.wx(), (w.inputs() + k) * gates, inputBias, gates);
            ScalarKernels.accumulateRow(v[k], w.hyperWx(), (hyperStaticRow + k) * hyperGates, hyperBias, hyperGates);
        }
        int hu = w.hyperUnits();
        State state = new State(w, hyperCell.conditionedState(hyperBias, new float[hu], new float[hu]), inputBias);
        System.arraycopy(h0, 0, state.h, 0, w.units());
        System.arraycopy(c0, 0, state.c, 0, w.units());
        return state;
    }

    @Override
    public void step(float[] x, LstmCell.State cellState) {
        State s = (State) cellState;
        int units = w.units(), e = w.embedding(), hu = w.hyperUnits();
        System.arraycopy(x, 0, s.hyperInput, 0, w.inputs());
        System.arraycopy(s.h, 0, s.hyperInput, w.inputs(), units);
        hyperCell.step(s.hyperInput, s.hyper);
        float[] hHat = s.hyper.h;
        System.arraycopy(w.zwB(), 0, s.scaleEmbedding, 0, s.scaleEmbedding.length);
        ScalarKernels.accumulateRows(hHat, hu, w.zwW(), s.scaleEmbedding, s.scaleEmbedding.length);
        java.util.Arrays.fill(s.offsetEmbedding, 0f);
        ScalarKernels.accumulateRows(hHat, hu, w.zbW(), s.offsetEmbedding, s.offsetEmbedding.length);

        System.arraycopy(s.inputBias, 0, s.inputPart, 0, gates);
        for (int k = 0; k < w.inputs(); k++) {
            if (x[k] != 0f) {
                ScalarKernels.accumulateRow(x[k], w.wx(), k * gates, s.inputPart, gates);
            }
        }
        java.util.Arrays.fill(s.recurrentPart, 0f);
        recurrent.multiplyAdd(s.h, s.recurrentPart);

        float[] g = s.gates;
        for (int j = 0; j < gates; j++) {
            g[j] = w.b()[j];
        }
        // part k of the input half is gate k of x·Wx; part GATES + k of the recurrent half is gate k of h·Wh
        for (int part = 0; part < SCALED_PARTS; part++) {
            float[] source = part < GATES ? s.inputPart : s.recurrentPart;
            int gate = part % GATES;
            for (int u = 0; u < units; u++) {
                double scale = 0;
                for (int k = 0; k < e; k++) {
                    scale += s.scaleEmbedding[part * e + k] * w.alpha()[(part * e + k) * units + u];
                }
                g[gate * units + u] += (float) scale * source[gate * units + u];
            }
        }
        for (int gate = 0; gate < GATES; gate++) {
            for (int u = 0; u < units; u++) {
                double offset = 0;
                for (int k = 0; k < e; k++) {
                    offset += s.offsetEmbedding[gate * e + k] * w.beta()[(gate * e + k) * units + u];
                }
                g[gate * units + u] += (float) offset;
            }
        }
        w.layerNorm().update(g, s.c, s.h, units);
    }
}
