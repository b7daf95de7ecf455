package org.plotter.model.rnn;

/** The inner loops of the dense layers, kept apart so they can be tuned without touching the model. */
final class DenseKernels {
    private DenseKernels() {}

    /** {@code y[j] += a · W[offset + j]} for {@code j < n}: one row of a row-major matrix-vector product. */
    static void accumulateRow(float a, float[] w, int offset, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * w[offset + j];
        }
    }
}
