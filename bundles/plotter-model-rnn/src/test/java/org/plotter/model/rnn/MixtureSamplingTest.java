package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MDN sampler against the distribution it claims to draw from (paper eq. 3–4, magenta's
 * temperature rules: softmaxes at 0.5 + 0.5·T, deviations scaled by √T). Two well-separated
 * components let each draw be attributed to its component; the empirical pen and component
 * frequencies, means, variances and correlations must match the analytic values within five
 * standard errors of their estimates for the sample size.
 */
class MixtureSamplingTest {
    private static final int DRAWS = 200_000;
    private static final double SIGMAS = 5;

    // two components: weights' logits, means, deviations and correlations
    private static final double[] PI_LOGITS = {0.5, -0.5};
    private static final double[] MU_X = {4, -4};
    private static final double[] MU_Y = {0.5, 3};
    private static final double[] SIGMA_X = {0.5, 1.0};
    private static final double[] SIGMA_Y = {1.0, 0.3};
    private static final double[] RHO = {0.6, -0.4};
    private static final double[] PEN_LOGITS = {1.0, 0.0, -1.0};

    private static MixtureDensityHead head() {
        int units = 1, mixtures = 2, gates = 4 * units, out = 3 + 6 * mixtures;
        SketchRnnHyperParameters shape = new SketchRnnHyperParameters(5, units, mixtures, 10, 1.0);
        return new MixtureDensityHead(new DecoderWeights(shape, new float[units * out], new float[out],
                new float[5 * gates], new float[units * gates], new float[gates]), ScalarKernels.INSTANCE);
    }

    /** The output layer in magenta's order: 3 pen logits, then blocks of M for π, μx, μy, log σx, log σy, ρ̂. */
    private static float[] outputs() {
        float[] out = new float[15];
        for (int p = 0; p < 3; p++) {
            out[p] = (float) PEN_LOGITS[p];
        }
        for (int k = 0; k < 2; k++) {
            out[3 + k] = (float) PI_LOGITS[k];
            out[5 + k] = (float) MU_X[k];
            out[7 + k] = (float) MU_Y[k];
            out[9 + k] = (float) Math.log(SIGMA_X[k]);
            out[11 + k] = (float) Math.log(SIGMA_Y[k]);
            out[13 + k] = (float) (0.5 * Math.log((1 + RHO[k]) / (1 - RHO[k]))); // atanh
        }
        return out;
    }

    private static double[] softmax(double[] logits, double temperature) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.6, 1.0})
    void drawsMatchTheTemperedMixture(double temperature) {
        MixtureDensityHead head = head();
        float[] out = outputs();
        SplittableRandom random = new SplittableRandom(20240611L);
        int[] pens = new int[3];
        long[] n = new long[2];
        double[][] sum = new double[2][5]; // x, y, xx, yy, xy
        for (int i = 0; i < DRAWS; i++) {
            float[] point = head.sample(out, temperature, random);
            for (int p = 0; p < 3; p++) {
                if (point[2 + p] > 0.5f) {
                    pens[p]++;
                }
            }
            int k = point[0] > 0 ? 0 : 1; // the means are 8 apart, deviations at most 1: no overlap
            n[k]++;
            sum[k][0] += point[0];
            sum[k][1] += point[1];
            sum[k][2] += (double) point[0] * point[0];
            sum[k][3] += (double) point[1] * point[1];
            sum[k][4] += (double) point[0] * point[1];
        }
        double softmaxTemperature = 0.5 + 0.5 * temperature;
        double[] penP = softmax(PEN_LOGITS, softmaxTemperature);
        for (int p = 0; p < 3; p++) {
            assertWithin(penP[p], pens[p] / (double) DRAWS, Math.sqrt(penP[p] * (1 - penP[p]) / DRAWS), "pen state " + p);
        }
        double[] piP = softmax(PI_LOGITS, softmaxTemperature);
        for (int k = 0; k < 2; k++) {
            assertWithin(piP[k], n[k] / (double) DRAWS, Math.sqrt(piP[k] * (1 - piP[k]) / DRAWS), "weight of component " + k);
            double sx = SIGMA_X[k] * Math.sqrt(temperature), sy = SIGMA_Y[k] * Math.sqrt(temperature);
            double meanX = sum[k][0] / n[k], meanY = sum[k][1] / n[k];
            double varX = sum[k][2] / n[k] - meanX * meanX, varY = sum[k][3] / n[k] - meanY * meanY;
            double rho = (sum[k][4] / n[k] - meanX * meanY) / Math.sqrt(varX * varY);
            assertWithin(MU_X[k], meanX, sx / Math.sqrt(n[k]), "mean x of component " + k);
            assertWithin(MU_Y[k], meanY, sy / Math.sqrt(n[k]), "mean y of component " + k);
            assertWithin(sx * sx, varX, sx * sx * Math.sqrt(2.0 / n[k]), "variance x of component " + k);
            assertWithin(sy * sy, varY, sy * sy * Math.sqrt(2.0 / n[k]), "variance y of component " + k);
            assertWithin(RHO[k], rho, (1 - RHO[k] * RHO[k]) / Math.sqrt(n[k]), "correlation of component " + k);
        }
    }

    private static void assertWithin(double expected, double actual, double standardError, String what) {
        assertEquals(expected, actual, SIGMAS * standardError, what + " (standard error " + standardError + ")");
    }
}
