package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.PEN_STATES;

import java.util.random.RandomGenerator;

/**
 * The decoder's output layer and the distribution it parameterises (paper, eq. 3–4): a mixture of
 * {@code M} bivariate normals for the offset and a categorical over three pen states. The layer's
 * {@code 3 + 6M} outputs are, in magenta's order: pen logits, then blocks of {@code M} for
 * mixture logits π, μx, μy, log σx, log σy and the pre-tanh correlation ρ.
 */
final class MixtureDensityHead {
    private final int units;
    private final int mixtures;
    private final int width;
    private final Kernels.MatVec layer;
    private final float[] b;

    MixtureDensityHead(DecoderWeights weights, Kernels kernels) {
        this.units = weights.shape().decoderUnits();
        this.mixtures = weights.shape().mixtures();
        this.width = weights.shape().outputWidth();
        this.layer = kernels.matrix(weights.outputW(), units, width);
        this.b = weights.outputB();
    }

    int width() {
        return width;
    }

    /** The raw output layer {@code h·W + b}. */
    float[] project(float[] h, float[] out) {
        System.arraycopy(b, 0, out, 0, width);
        layer.multiplyAdd(h, out);
        return out;
    }

    /** Offset of parameter block {@code block} (0 = π, 1 = μx, ... 5 = ρ) in the output layer. */
    private int block(int block) {
        return PEN_STATES + block * mixtures;
    }

    /**
     * Draws the next stroke-5 point. Following magenta's sampler, the pen and mixture softmaxes use
     * temperature {@code 0.5 + 0.5·T} and the chosen normal's deviations are scaled by {@code √T}.
     */
    float[] sample(float[] out, double temperature, RandomGenerator random) {
        double softmaxTemperature = 0.5 + 0.5 * temperature;
        int pen = pick(softmax(out, 0, PEN_STATES, softmaxTemperature), random);
        int k = pick(softmax(out, block(0), mixtures, softmaxTemperature), random);
        double sx = Math.exp(out[block(3) + k]) * Math.sqrt(temperature);
        double sy = Math.exp(out[block(4) + k]) * Math.sqrt(temperature);
        double rho = Math.tanh(out[block(5) + k]);
        double n1 = random.nextGaussian();
        double n2 = random.nextGaussian();
        double dx = out[block(1) + k] + sx * n1;
        double dy = out[block(2) + k] + sy * (rho * n1 + Math.sqrt(1 - rho * rho) * n2);
        float[] point = new float[SketchRnnHyperParameters.STROKE5];
        point[0] = (float) dx;
        point[1] = (float) dy;
        point[2 + pen] = 1f;
        return point;
    }

    /** Magenta's loss adds this to the offset density before the log, bounding the loss of a far-off point. */
    static final double DENSITY_EPSILON = 1e-6;

    /**
     * {@code -log p(target)} under the untempered distribution, as magenta's loss defines it: the
     * mixture density of the offset plus {@value #DENSITY_EPSILON} (left out at end-of-sketch, as in
     * the paper's L_s) plus the pen state's cross-entropy.
     */
    double negativeLogLikelihood(float[] out, float[] target) {
        double nll = 0;
        if (target[4] < 0.5f) {
            double[] pi = softmax(out, block(0), mixtures, 1.0);
            double density = 0;
            for (int k = 0; k < mixtures; k++) {
                double sx = Math.exp(out[block(3) + k]);
                double sy = Math.exp(out[block(4) + k]);
                double rho = Math.tanh(out[block(5) + k]);
                double zx = ((double) target[0] - out[block(1) + k]) / sx;
                double zy = ((double) target[1] - out[block(2) + k]) / sy;
                double oneMinusRho2 = 1 - rho * rho;
                double z = zx * zx + zy * zy - 2 * rho * zx * zy;
                density += pi[k] * Math.exp(-z / (2 * oneMinusRho2)) / (2 * Math.PI * sx * sy * Math.sqrt(oneMinusRho2));
            }
            nll -= Math.log(density + DENSITY_EPSILON);
        }
        double[] penProbabilities = softmax(out, 0, PEN_STATES, 1.0);
        for (int p = 0; p < PEN_STATES; p++) {
            if (target[2 + p] > 0.5f) {
                nll -= Math.log(penProbabilities[p]);
            }
        }
        return nll;
    }

    private static double[] softmax(float[] logits, int from, int n, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[from + i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int pick(double[] probabilities, RandomGenerator random) {
        double u = random.nextDouble();
        for (int i = 0; i < probabilities.length; i++) {
            u -= probabilities[i];
            if (u < 0) {
                return i;
            }
        }
        return probabilities.length - 1;
    }
}
