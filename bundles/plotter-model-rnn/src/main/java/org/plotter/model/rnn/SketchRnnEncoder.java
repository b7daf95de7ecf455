package org.plotter.model.rnn;

/**
 * Sketch-RNN's encoder for one sketch (the paper's section 3): a bidirectional LSTM reads the sketch's
 * normalised stroke-5 rows forwards and backwards, and its two last outputs side by side give the
 * latent mean {@code μ = [h→, h←]·W + b}. Reconstruction and interpolation between given sketches use
 * μ itself, not a draw around it, so what they decode depends on the sketch and the request only.
 */
final class SketchRnnEncoder {
    /**
     * The encoder's tensors as the trainer writes them: per direction {@code Wx [5, 4H]}, {@code Wh [H, 4H]},
     * {@code b [4H]}; the mean's {@code W [2H, z]} and {@code b [z]}.
     */
    record Weights(int units, int zSize, float[] forwardWx, float[] forwardWh, float[] forwardB, float[] backwardWx, float[] backwardWh,
            float[] backwardB, float[] muW, float[] muB) {
        Weights {
            if (muW.length != 2 * units * zSize || muB.length != zSize) {
                throw new IllegalArgumentException("the encoder's mean layer has " + muW.length + " weights and " + muB.length
                        + " biases, expected " + 2 * units * zSize + " and " + zSize);
            }
        }
    }

    private final int units;
    private final int zSize;
    private final LstmCell forward;
    private final LstmCell backward;
    private final float[] muW;
    private final float[] muB;

    SketchRnnEncoder(Weights w, Kernels kernels) {
        this.units = w.units();
        this.zSize = w.zSize();
        int inputs = SketchRnnHyperParameters.STROKE5;
        this.forward = new LstmCell(inputs, units, w.forwardWx(), w.forwardWh(), w.forwardB(), null, kernels);
        this.backward = new LstmCell(inputs, units, w.backwardWx(), w.backwardWh(), w.backwardB(), null, kernels);
        this.muW = w.muW();
        this.muB = w.muB();
    }

    int zSize() {
        return zSize;
    }

    /** μ of a sketch given as normalised stroke-5 rows, without the start token and without end-of-sketch rows. */
    float[] mean(float[][] rows) {
        LstmCell.State ahead = forward.zeroState(), behind = backward.zeroState();
        for (float[] row : rows) {
            forward.step(row, ahead);
        }
        for (int t = rows.length - 1; t >= 0; t--) {
            backward.step(rows[t], behind);
        }
        float[] last = new float[2 * units];
        System.arraycopy(ahead.h, 0, last, 0, units);
        System.arraycopy(behind.h, 0, last, units, units);
        float[] mu = muB.clone();
        ScalarKernels.accumulateRows(last, last.length, muW, mu, zSize);
        return mu;
    }
}
