package org.plotter.model.rnn;

/** The decoder's recurrent cell, one step at a time: an {@link LstmCell} (plain or layer-normalised) or a {@link HyperLstmCell}. */
interface DecoderCell {
    /** A sequence starting from zeros, without conditioning. */
    LstmCell.State zeroState();

    /** Consumes input {@code x} and advances {@code state}; {@code state.h} is the new output. */
    void step(float[] x, LstmCell.State state);
}
