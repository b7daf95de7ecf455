package org.plotter.train.rnn;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reconstruction loss of the paper (eq. 9) and its gradient by the output layer: L_s, the negative
 * log-density of each real offset under a mixture of {@code M} bivariate normals, and L_p, the pen
 * state's cross-entropy at every step, each summed and divided by {@code batch · Nmax}. Output columns
 * as in magenta: 3 pen logits, then blocks of {@code M} for π logits, μx, μy, log σx, log σy, ρ before tanh.
 *
 * <p>As magenta, the offset's loss is {@code −log(density + 1e-6)}, which bounds the loss (and the
 * gradient) of a point far from every component. The density is summed in log space (log-sum-exp over
 * the mixture). The gradients are the closed forms (Graves 2013, section 4) with γ the component's
 * responsibility, scaled by {@code density / (density + 1e-6)}.
 */
final class MixtureDensityLoss {
    static final int PEN_STATES = 3;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Magenta's epsilon inside the offset loss's log. */
    static final double DENSITY_EPSILON = 1e-6;
    private static final double LOG_EPSILON = Math.log(DENSITY_EPSILON);

    private final int mixtures;

    MixtureDensityLoss(int mixtures) {
        this.mixtures = mixtures;
    }

    int width() {
        return PEN_STATES + 6 * mixtures;
    }

    /** Loss parts and the gradient of their sum by the output layer (laid out as the output). */
    record Result(double offsetLoss, double penLoss, INDArray gradient) {}

    /**
     * @param output the output layer {@code [steps, 3 + 6M, batch]}; row {@code r = t · batch + b}
     * @param targets stroke-5 targets {@code [rows · 5]}
     * @param offsetCounts whether each row's offset counts (a real point, not end-of-sketch padding)
     * @param normaliser what the sums are divided by ({@code batch · Nmax})
     */
    Result evaluate(INDArray output, float[] targets, boolean[] offsetCounts, double normaliser) {
        int steps = (int) output.size(0), batch = (int) output.size(2), rows = steps * batch;
        int width = width();
        double[] fm = output.dup('c').data().asDouble();
        double[] y = new double[fm.length];
        for (int t = 0; t < steps; t++) {
            for (int o = 0; o < width; o++) {
                for (int b = 0; b < batch; b++) {
                    y[(t * batch + b) * width + o] = fm[(t * width + o) * batch + b];
                }
            }
        }
        double[] dy = new double[y.length];
        double[] offset = new double[rows];
        double[] pen = new double[rows];
        IntStream.range(0, rows).parallel().forEach(r -> {
            int o = r * width;
            pen[r] = penRow(y, dy, o, targets, r * 5, normaliser);
            if (offsetCounts[r]) {
                offset[r] = offsetRow(y, dy, o, targets[r * 5], targets[r * 5 + 1], normaliser);
            }
        });
        double offsetLoss = 0, penLoss = 0;
        for (int r = 0; r < rows; r++) {
            offsetLoss += offset[r];
            penLoss += pen[r];
        }
        for (int t = 0; t < steps; t++) {
            for (int o = 0; o < width; o++) {
                for (int b = 0; b < batch; b++) {
                    fm[(t * width + o) * batch + b] = dy[(t * batch + b) * width + o];
                }
            }
        }
        return new Result(offsetLoss / normaliser, penLoss / normaliser, Nd4j.create(fm, new long[] {steps, width, batch}, output.dataType()));
    }

    private static double penRow(double[] y, double[] dy, int o, float[] targets, int t, double normaliser) {
        double max = Math.max(y[o], Math.max(y[o + 1], y[o + 2]));
        double sum = 0;
        for (int p = 0; p < PEN_STATES; p++) {
            sum += Math.exp(y[o + p] - max);
        }
        double lse = max + Math.log(sum);
        double loss = 0;
        for (int p = 0; p < PEN_STATES; p++) {
            double target = targets[t + 2 + p];
            dy[o + p] = (Math.exp(y[o + p] - lse) - target) / normaliser;
            loss -= target * (y[o + p] - lse);
        }
        return loss;
    }

    private double offsetRow(double[] y, double[] dy, int o, double x1, double x2, double normaliser) {
        int m = mixtures;
        int pi = o + PEN_STATES, mu1 = pi + m, mu2 = mu1 + m, ls1 = mu2 + m, ls2 = ls1 + m, r = ls2 + m;
        double piMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            piMax = Math.max(piMax, y[pi + k]);
        }
        double piSum = 0;
        for (int k = 0; k < m; k++) {
            piSum += Math.exp(y[pi + k] - piMax);
        }
        double piLse = piMax + Math.log(piSum);
        double[] a = new double[m], zx = new double[m], zy = new double[m], rho = new double[m], oneMinus = new double[m];
        double aMax = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            rho[k] = Math.tanh(y[r + k]);
            oneMinus[k] = 1 - rho[k] * rho[k];
            zx[k] = (x1 - y[mu1 + k]) * Math.exp(-y[ls1 + k]);
            zy[k] = (x2 - y[mu2 + k]) * Math.exp(-y[ls2 + k]);
            double z = zx[k] * zx[k] + zy[k] * zy[k] - 2 * rho[k] * zx[k] * zy[k];
            double logDensity = -LOG_2PI - y[ls1 + k] - y[ls2 + k] - 0.5 * Math.log(oneMinus[k]) - z / (2 * oneMinus[k]);
            a[k] = y[pi + k] - piLse + logDensity;
            aMax = Math.max(aMax, a[k]);
        }
        double aSum = 0;
        for (int k = 0; k < m; k++) {
            aSum += Math.exp(a[k] - aMax);
        }
        double lse = aMax + Math.log(aSum); // log density
        double withEpsilon = Math.max(lse, LOG_EPSILON) + Math.log1p(Math.exp(-Math.abs(lse - LOG_EPSILON)));
        double share = Math.exp(lse - withEpsilon); // density / (density + ε)
        for (int k = 0; k < m; k++) {
            double gamma = share * Math.exp(a[k] - lse) / normaliser;
            double weight = Math.exp(y[pi + k] - piLse) / normaliser;
            double om = oneMinus[k], ex = zx[k], ey = zy[k], p = rho[k];
            double z = ex * ex + ey * ey - 2 * p * ex * ey;
            dy[pi + k] = share * weight - gamma;
            dy[mu1 + k] = -gamma * (ex - p * ey) / (Math.exp(y[ls1 + k]) * om);
            dy[mu2 + k] = -gamma * (ey - p * ex) / (Math.exp(y[ls2 + k]) * om);
            dy[ls1 + k] = gamma * (1 - (ex * ex - p * ex * ey) / om);
            dy[ls2 + k] = gamma * (1 - (ey * ey - p * ex * ey) / om);
            dy[r + k] = -gamma * (p + ex * ey - z * p / om);
        }
        return -withEpsilon;
    }
}
