package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar reference. */
class VectorKernelsTest {
    private final Kernels vector = GoldenTraceTest.kernels("vector");

    @Test
    void expIsAccurateAcrossTheRange() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        float[] x = new float[lanes], y = new float[lanes];
        for (float start = -80f; start < 80f; start += 0.37f * lanes) {
            for (int i = 0; i < lanes; i++) {
                x[i] = start + 0.37f * i;
            }
            VectorKernels.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).intoArray(y, 0);
            for (int i = 0; i < lanes; i++) {
                assertEquals(Math.exp(x[i]), y[i], Math.exp(x[i]) * 3e-7, "exp(" + x[i] + ")");
            }
        }
    }

    @Test
    void lstmUpdateAndMatrixProductMatchTheScalarKernels() {
        SplittableRandom random = new SplittableRandom(1);
        int units = 512, rows = 517, cols = 123;
        float[] g = new float[4 * units], c = new float[units];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (random.nextGaussian() * 4);
        }
        for (int i = 0; i < units; i++) {
            c[i] = (float) random.nextGaussian();
        }
        float[] c1 = c.clone(), c2 = c.clone(), h1 = new float[units], h2 = new float[units];
        ScalarKernels.INSTANCE.lstmUpdate(g, c1, h1, units);
        vector.lstmUpdate(g, c2, h2, units);
        assertArrayEquals(c1, c2, 1e-6f);
        assertArrayEquals(h1, h2, 1e-6f);

        float[] w = new float[rows * cols], x = new float[rows];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] y1 = new float[cols], y2 = new float[cols];
        java.util.Arrays.fill(y1, 1f);
        java.util.Arrays.fill(y2, 1f);
        ScalarKernels.INSTANCE.matrix(w, rows, cols).multiplyAdd(x, y1);
        vector.matrix(w, rows, cols).multiplyAdd(x, y2); // 123 columns: exercises the masked last panel
        assertArrayEquals(y1, y2, 1e-3f);
    }
}
