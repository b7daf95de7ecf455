package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.FORGET_BIAS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The decoder's loops on the Vector API. A matrix is stored as column panels of four vectors' width,
 * each panel's rows contiguous, so a panel's partial sums stay in four registers while its weights
 * stream through in order; large matrices are split by panels between this core and a
 * {@link SecondCore}.
 *
 * <p>Activations do not use the Vector API's {@code EXP}/{@code TANH}: their interpreted and JIT-compiled
 * forms round differently, so a seed's sketch would depend on when the JIT kicked in. {@link #exp}
 * uses only IEEE-exact operations (add, multiply, fma, conversions, shifts), which give the same bits
 * in every tier.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ACCUMULATORS = 4;
    private static final int PANEL = ACCUMULATORS * LANES;
    /** Below this many weights a hand-off to the other core costs more than it saves. */
    private static final int SPLIT_THRESHOLD = 256 * 1024;
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

    private final SecondCore secondCore;

    /** @param secondCore the engine's helper thread, or null to use this core only */
    VectorKernels(SecondCore secondCore) {
        this.secondCore = secondCore;
    }

    @Override
    public String name() {
        return "vector(" + LANES + " lanes" + (secondCore != null ? ", 2 cores" : "") + ")";
    }

    @Override
    public MatVec matrix(float[] w, int rows, int cols) {
        return new PanelMatVec(w, rows, cols, (long) rows * cols >= SPLIT_THRESHOLD ? secondCore : null);
    }

    private static final class PanelMatVec implements MatVec {
        private final float[] panels; // [panel][row][PANEL], zero-padded past the last column
        private final int rows;
        private final int cols;
        private final int panelCount;
        private final SecondCore secondCore;

        PanelMatVec(float[] w, int rows, int cols, SecondCore secondCore) {
            this.rows = rows;
            this.cols = cols;
            this.panelCount = (cols + PANEL - 1) / PANEL;
            this.secondCore = secondCore;
            this.panels = new float[panelCount * rows * PANEL];
            for (int p = 0; p < panelCount; p++) {
                for (int r = 0; r < rows; r++) {
                    int width = Math.min(PANEL, cols - p * PANEL);
                    System.arraycopy(w, r * cols + p * PANEL, panels, (p * rows + r) * PANEL, width);
                }
            }
        }

        @Override
        public void multiplyAdd(float[] x, float[] y) {
            if (secondCore != null && panelCount > 1) {
                int half = panelCount / 2;
                secondCore.run(() -> panels(x, y, 0, half), () -> panels(x, y, half, panelCount));
            } else {
                panels(x, y, 0, panelCount);
            }
        }

        private void panels(float[] x, float[] y, int from, int to) {
            for (int p = from; p < to; p++) {
                int column = p * PANEL;
                if (column + PANEL <= cols) {
                    panel(x, p, y, column);
                } else {
                    // the last, partial panel goes through a padded copy: JDK 17 does not compile masked loads
                    float[] padded = new float[PANEL];
                    System.arraycopy(y, column, padded, 0, cols - column);
                    panel(x, p, padded, 0);
                    System.arraycopy(padded, 0, y, column, cols - column);
                }
            }
        }

        /** Adds panel {@code p}'s product with {@code x} to the PANEL values of {@code y} at {@code at}. */
        private void panel(float[] x, int p, float[] y, int at) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, y, at);
            FloatVector a1 = FloatVector.fromArray(SPECIES, y, at + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, y, at + 2 * LANES);
            FloatVector a3 = FloatVector.fromArray(SPECIES, y, at + 3 * LANES);
            int offset = p * rows * PANEL;
            for (int k = 0; k < rows; k++, offset += PANEL) {
                FloatVector xk = FloatVector.broadcast(SPECIES, x[k]);
                a0 = FloatVector.fromArray(SPECIES, panels, offset).fma(xk, a0);
                a1 = FloatVector.fromArray(SPECIES, panels, offset + LANES).fma(xk, a1);
                a2 = FloatVector.fromArray(SPECIES, panels, offset + 2 * LANES).fma(xk, a2);
                a3 = FloatVector.fromArray(SPECIES, panels, offset + 3 * LANES).fma(xk, a3);
            }
            a0.intoArray(y, at);
            a1.intoArray(y, at + LANES);
            a2.intoArray(y, at + 2 * LANES);
            a3.intoArray(y, at + 3 * LANES);
        }
    }

    @Override
    public void lstmUpdate(float[] g, float[] c, float[] h, int units) {
        int u = 0;
        for (int bound = SPECIES.loopBound(units); u < bound; u += LANES) {
            FloatVector input = sigmoid(FloatVector.fromArray(SPECIES, g, u));
            FloatVector candidate = tanh(FloatVector.fromArray(SPECIES, g, units + u));
            FloatVector forget = sigmoid(FloatVector.fromArray(SPECIES, g, 2 * units + u).add(FORGET_BIAS));
            FloatVector output = sigmoid(FloatVector.fromArray(SPECIES, g, 3 * units + u));
            FloatVector cell = FloatVector.fromArray(SPECIES, c, u).mul(forget).add(input.mul(candidate));
            cell.intoArray(c, u);
            tanh(cell).mul(output).intoArray(h, u);
        }
        ScalarKernels.lstmUpdate(g, c, h, units, u); // fewer than one vector of units left
    }

    private static FloatVector sigmoid(FloatVector v) {
        return ONE.div(exp(v.neg()).add(1f));
    }

    /** {@code tanh(v) = 1 − 2 / (e^{2v} + 1)}. */
    private static FloatVector tanh(FloatVector v) {
        return ONE.sub(TWO.div(exp(v.add(v)).add(1f)));
    }

    // e^x = 2^n · e^r with n = round(x / ln 2) and |r| ≤ ln 2 / 2, ln 2 split in two (Cody & Waite) so
    // r keeps its precision; e^r by its Taylor series to r^7 (error below 1e-8 on that interval).
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** Keeps 2^n a normal float and e^x finite. */
    private static final float EXP_MIN = -87f;
    private static final float EXP_MAX = 88f;
    /** Shifts x / ln 2 positive so that truncation rounds to nearest: n = (int) (t + 127.5) − 127. */
    private static final float ROUNDING_SHIFT = 127.5f;
    private static final int EXPONENT_BIAS = 127;
    private static final int MANTISSA_BITS = 23;
    private static final float[] TAYLOR = {1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 1f / 2, 1f, 1f};
    private static final FloatVector TWO = FloatVector.broadcast(SPECIES, 2f);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(SPECIES, -LN2_HI);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(SPECIES, -LN2_LO);

    static FloatVector exp(FloatVector v) {
        FloatVector x = v.max(EXP_MIN).min(EXP_MAX);
        IntVector n = (IntVector) x.mul(LOG2E).add(ROUNDING_SHIFT).convert(VectorOperators.F2I, 0)
                .lanewise(VectorOperators.SUB, EXPONENT_BIAS);
        FloatVector nf = (FloatVector) n.convert(VectorOperators.I2F, 0);
        FloatVector r = nf.fma(MINUS_LN2_HI, x);
        r = nf.fma(MINUS_LN2_LO, r);
        FloatVector p = FloatVector.broadcast(SPECIES, TAYLOR[0]);
        for (int i = 1; i < TAYLOR.length; i++) {
            p = p.fma(r, FloatVector.broadcast(SPECIES, TAYLOR[i]));
        }
        FloatVector twoToN = n.lanewise(VectorOperators.ADD, EXPONENT_BIAS)
                .lanewise(VectorOperators.LSHL, MANTISSA_BITS).reinterpretAsFloats();
        return p.mul(twoToN);
    }
}
