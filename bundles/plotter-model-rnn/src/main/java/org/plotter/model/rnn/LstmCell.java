package org.plotter.model.rnn;

/**
 * One step of an LSTM (the decoder's, or one direction of the encoder's) on float arrays (a single sketch is a matrix-vector product per
 * step, where ND4J's per-op overhead would dominate; the loops are {@link Kernels}). Gates follow TensorFlow's LSTMCell:
 * {@code [i, j, f, o] = x·Wx + h·Wh + b}; {@code c' = c·σ(f + 1) + σ(i)·tanh(j)};
 * {@code h' = tanh(c')·σ(o)}; a layer-normalised cell updates through {@link LayerNormWeights}.
 * Immutable; the state lives in {@link State}.
 */
final class LstmCell implements DecoderCell {
    private final int inputs;
    private final int units;
    private final int gates;
    private final float[] wx;
    private final Kernels.MatVec recurrent;
    private final Kernels kernels;
    private final float[] bias;
    private final LayerNormWeights layerNorm;

    /**
     * Hidden and cell vectors of one sequence, updated in place by {@link #step}, and the gate bias it
     * runs with: a conditioned sequence (class embedding, latent vector) differs from another only by
     * the constant part of its input, which is folded into its bias.
     */
    static class State {
        final float[] h;
        final float[] c;
        final float[] gates;
        final float[] bias;

        State(int units, float[] bias) {
            h = new float[units];
            c = new float[units];
            gates = new float[SketchRnnHyperParameters.GATES * units];
            this.bias = bias;
        }
    }

    /** The decoder's cell. */
    LstmCell(DecoderWeights w, Kernels kernels) {
        this(w.shape().inputWidth(), w.shape().decoderUnits(), w.lstmWx(), w.lstmWh(), w.lstmB(), w.layerNorm(), kernels);
    }

    /**
     * @param wx input weights {@code [inputs, 4·units]}, row-major, gates i, j, f, o
     * @param wh recurrent weights {@code [units, 4·units]}
     * @param bias {@code [4·units]}
     * @param layerNorm the cell's layer normalisation, or null for a plain LSTM
     */
    LstmCell(int inputs, int units, float[] wx, float[] wh, float[] bias, LayerNormWeights layerNorm, Kernels kernels) {
        this.inputs = inputs;
        this.units = units;
        this.gates = SketchRnnHyperParameters.GATES * units;
        if (wx.length != inputs * gates || wh.length != units * gates || bias.length != gates) {
            throw new IllegalArgumentException("LSTM weights of " + wx.length + ", " + wh.length + " and " + bias.length + " values do not make "
                    + inputs + " inputs and " + units + " units");
        }
        this.wx = wx;
        this.recurrent = kernels.matrix(wh, units, gates);
        this.kernels = kernels;
        this.bias = bias;
        this.layerNorm = layerNorm;
    }

    @Override
    public State zeroState() {
        return new State(units, bias);
    }

    /** A sequence starting from {@code h0}, {@code c0} with gate bias {@code conditionedBias}. */
    State conditionedState(float[] conditionedBias, float[] h0, float[] c0) {
        State state = new State(units, conditionedBias);
        System.arraycopy(h0, 0, state.h, 0, units);
        System.arraycopy(c0, 0, state.c, 0, units);
        return state;
    }

    @Override
    public void step(float[] x, State state) {
        float[] g = state.gates;
        System.arraycopy(state.bias, 0, g, 0, gates);
        for (int k = 0; k < inputs; k++) {
            // stroke-5 inputs are mostly exact zeros (the pen one-hot), so skip their rows
            if (x[k] != 0f) {
                ScalarKernels.accumulateRow(x[k], wx, k * gates, g, gates);
            }
        }
        recurrent.multiplyAdd(state.h, g);
        if (layerNorm == null) {
            kernels.lstmUpdate(g, state.c, state.h, units);
        } else {
            layerNorm.update(g, state.c, state.h, units);
        }
    }
}
