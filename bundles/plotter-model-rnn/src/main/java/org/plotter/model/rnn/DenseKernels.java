package org.plotter.model.rnn;

/** The inner loops of the dense layers, kept apart so they can be tuned without touching the model. */
final class DenseKernels {
    private DenseKernels() {}

    /**
     * {@code y += x[0..rows) · W}: a row-major {@code [rows, n]} matrix times a vector, four rows per
     * pass so {@code y} is loaded and stored a quarter as often.
     */
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

    /** {@code y[j] += a · W[offset + j]} for {@code j < n}: one row of a row-major matrix-vector product. */
    static void accumulateRow(float a, float[] w, int offset, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * w[offset + j];
        }
    }
}
