package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.FORGET_BIAS;

/**
 * One step of the decoder's LSTM on plain float arrays (a single sketch is a matrix-vector product
 * per step, where ND4J's per-op overhead would dominate). Gates follow TensorFlow's LSTMCell:
 * {@code [i, j, f, o] = x·Wx + h·Wh + b}; {@code c' = c·σ(f + 1) + σ(i)·tanh(j)};
 * {@code h' = tanh(c')·σ(o)}. Immutable; the state lives in {@link State}.
 */
final class LstmDecoderCell {
    private final int inputs;
    private final int units;
    private final int gates;
    private final float[] wx;
    private final float[] wh;
    private final float[] bias;

    /** Hidden and cell vectors of one sequence, updated in place by {@link #step}. */
    static final class State {
        final float[] h;
        final float[] c;
        final float[] gates;

        State(int units) {
            h = new float[units];
            c = new float[units];
            gates = new float[SketchRnnHyperParameters.GATES * units];
        }
    }

    LstmDecoderCell(DecoderWeights w) {
        this.inputs = w.shape().inputWidth();
        this.units = w.shape().decoderUnits();
        this.gates = w.shape().gateWidth();
        this.wx = w.lstmWx();
        this.wh = w.lstmWh();
        this.bias = w.lstmB();
    }

    State zeroState() {
        return new State(units);
    }

    /** Consumes input {@code x} and advances {@code state}; {@code state.h} is the new output. */
    void step(float[] x, State state) {
        float[] g = state.gates;
        System.arraycopy(bias, 0, g, 0, gates);
        for (int k = 0; k < inputs; k++) {
            // stroke-5 inputs are mostly exact zeros (the pen one-hot), so skip their rows
            if (x[k] != 0f) {
                DenseKernels.accumulateRow(x[k], wx, k * gates, g, gates);
            }
        }
        float[] h = state.h;
        DenseKernels.accumulateRows(h, units, wh, g, gates);
        float[] c = state.c;
        for (int u = 0; u < units; u++) {
            float input = sigmoid(g[u]);
            float candidate = (float) Math.tanh(g[units + u]);
            float forget = sigmoid(g[2 * units + u] + FORGET_BIAS);
            float output = sigmoid(g[3 * units + u]);
            c[u] = c[u] * forget + input * candidate;
            h[u] = (float) Math.tanh(c[u]) * output;
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
