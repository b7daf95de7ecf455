package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.FORGET_BIAS;

/** Plain Java loops: the reference implementation and the fallback. */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public MatVec matrix(float[] w, int rows, int cols) {
        return (x, y) -> accumulateRows(x, rows, w, y, cols);
    }

    @Override
    public void lstmUpdate(float[] g, float[] c, float[] h, int units) {
        lstmUpdate(g, c, h, units, 0);
    }

    /** The update for units {@code from..units}. */
    static void lstmUpdate(float[] g, float[] c, float[] h, int units, int from) {
        for (int u = from; u < units; u++) {
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

    /** {@code y += x · W}, four rows per pass so {@code y} is loaded and stored a quarter as often. */
    static void accumulateRows(float[] x, int rows, float[] w, float[] y, int n) {
        int k = 0;
        for (; k + 3 < rows; k += 4) {
            float a0 = x[k], a1 = x[k + 1], a2 = x[k + 2], a3 = x[k + 3];
            int o0 = k * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
            for (int j = 0; j < n; j++) {
                y[j] += a0 * w[o0 + j] + a1 * w[o1 + j] + a2 * w[o2 + j] + a3 * w[o3 + j];
            }
        }
        for (; k < rows; k++) {
            accumulateRow(x[k], w, k * n, y, n);
        }
    }

    /** {@code y[j] += a · W[offset + j]} for {@code j < n}: one row of a row-major matrix. */
    static void accumulateRow(float a, float[] w, int offset, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * w[offset + j];
        }
    }
}
