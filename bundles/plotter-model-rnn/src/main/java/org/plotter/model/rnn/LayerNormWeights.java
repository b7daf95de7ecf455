package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.FORGET_BIAS;
import static org.plotter.model.rnn.SketchRnnHyperParameters.GATES;

/**
 * The layer-normalised LSTM update (magenta's {@code LayerNormLSTMCell}, Ba et al. 2016): the gates
 * have no bias; each of the four blocks of {@code x·Wx + h·Wh} is normalised over its units and becomes
 * {@code γ·n + β}; then {@code c' = c·σ(f + 1) + σ(i)·tanh(j)} and {@code h' = tanh(γc·LN(c') + βc)·σ(o)}.
 * Normalising is O(units) per step against the O(units²) matrix product, so it stays plain Java.
 *
 * @param gateGamma gains {@code [4·units]}, gate order i, j, f, o
 * @param gateBeta offsets {@code [4·units]}
 * @param cellGamma the cell's gains {@code [units]}
 * @param cellBeta the cell's offsets {@code [units]}
 */
record LayerNormWeights(float[] gateGamma, float[] gateBeta, float[] cellGamma, float[] cellBeta) {
    /** Inside the square root, as magenta has it. */
    static final double EPSILON = 1e-3;

    LayerNormWeights {
        if (gateGamma.length != gateBeta.length || cellGamma.length != cellBeta.length || gateGamma.length != GATES * cellGamma.length) {
            throw new IllegalArgumentException("layer-norm gains and offsets disagree in size: gates " + gateGamma.length + "/"
                    + gateBeta.length + ", cell " + cellGamma.length + "/" + cellBeta.length);
        }
    }

    /** The state update from the un-normalised gate pre-activations {@code g}, in place ({@code g} is overwritten). */
    void update(float[] g, float[] c, float[] h, int units) {
        for (int k = 0; k < GATES; k++) {
            normalise(g, k * units, units, gateGamma, gateBeta, k * units);
        }
        for (int u = 0; u < units; u++) {
            float input = ScalarKernels.sigmoid(g[u]);
            float candidate = (float) Math.tanh(g[units + u]);
            float forget = ScalarKernels.sigmoid(g[2 * units + u] + FORGET_BIAS);
            c[u] = c[u] * forget + input * candidate;
        }
        System.arraycopy(c, 0, h, 0, units);
        normalise(h, 0, units, cellGamma, cellBeta, 0);
        for (int u = 0; u < units; u++) {
            h[u] = (float) Math.tanh(h[u]) * ScalarKernels.sigmoid(g[3 * units + u]);
        }
    }

    /** {@code v[from..from+n)} to {@code γ·(v − mean)/√(var + ε) + β}, with γ and β read from {@code parameterOffset} on. */
    private static void normalise(float[] v, int from, int n, float[] gamma, float[] beta, int parameterOffset) {
        double sum = 0;
        for (int k = from; k < from + n; k++) {
            sum += v[k];
        }
        double mean = sum / n, squares = 0;
        for (int k = from; k < from + n; k++) {
            squares += (v[k] - mean) * (v[k] - mean);
        }
        double rstd = 1 / Math.sqrt(squares / n + EPSILON);
        for (int k = 0; k < n; k++) {
            v[from + k] = (float) (gamma[parameterOffset + k] * ((v[from + k] - mean) * rstd) + beta[parameterOffset + k]);
        }
    }
}
