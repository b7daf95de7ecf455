package org.plotter.model.rnn;

import org.plotter.api.sketch.Sketch;

/**
 * The shape of a Sketch-RNN decoder (Ha &amp; Eck, arXiv:1704.03477, section 3): an LSTM of
 * {@code decoderUnits} fed stroke-5 points (plus a latent vector in conditional models), whose output
 * layer parameterises {@code mixtures} bivariate normals and three pen states.
 *
 * @param inputWidth 5 for unconditional decoders, 5 + z for conditional ones
 * @param maxSeqLen the longest sketch the model was trained on; sampling stops there
 * @param scaleFactor the data set's offset standard deviation; model space = pixels / scaleFactor
 */
public record SketchRnnHyperParameters(int inputWidth, int decoderUnits, int mixtures, int maxSeqLen, double scaleFactor) {
    /** Stroke-5: dx, dy and three pen states. */
    public static final int STROKE5 = 5;
    /** Pen states: down, up, end of sketch. */
    public static final int PEN_STATES = 3;
    /** Parameters per mixture component: weight, two means, two deviations, correlation. */
    public static final int PARAMS_PER_MIXTURE = 6;
    /** The LSTM has four gate blocks (TensorFlow order: input, candidate, forget, output). */
    public static final int GATES = 4;
    /** TensorFlow's LSTMCell adds this to the forget gate's pre-activation. */
    public static final float FORGET_BIAS = 1.0f;

    public SketchRnnHyperParameters {
        if (inputWidth < STROKE5 || decoderUnits <= 0 || mixtures <= 0 || maxSeqLen <= 0 || !(scaleFactor > 0)) {
            throw new IllegalArgumentException("invalid Sketch-RNN shape: input " + inputWidth + ", units " + decoderUnits
                    + ", mixtures " + mixtures + ", max_seq_len " + maxSeqLen + ", scale " + scaleFactor);
        }
    }

    /** Width of the output layer: 3 pen logits + 6 parameters per mixture. */
    public int outputWidth() {
        return PEN_STATES + PARAMS_PER_MIXTURE * mixtures;
    }

    public int gateWidth() {
        return GATES * decoderUnits;
    }
}
