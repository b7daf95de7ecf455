package org.plotter.train.rnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A recurrent layer over whole feature-major sequences ({@code [steps, features, batch]}) with
 * back-propagation through time: the decoder is one, whichever cell it has ({@link LstmLayer} plain or
 * layer-normalised, {@link HyperLstmLayer}).
 */
interface SequenceLayer {
    /** What a forward pass keeps for the backward one. */
    interface Run {
        /** The output at every step, {@code [steps, H, batch]}. */
        INDArray hidden();
    }

    /**
     * @param x the sequence inputs {@code [steps, inputs, batch]}
     * @param v the static inputs {@code [batch, staticInputs]}, or null when there are none
     * @param h0 initial output {@code [batch, H]}, or null for zeros (likewise {@code c0})
     * @param mask recurrent dropout mask from {@link #mask}, or null
     */
    Run forward(INDArray x, INDArray v, INDArray h0, INDArray c0, INDArray mask);

    /** Back-propagates {@code dHidden}, the loss's gradient by each step's output, adding to the weights' gradients. */
    LstmLayer.InputGradients backward(Run run, INDArray dHidden);

    /** A recurrent dropout mask {@code [steps, H, batch]}, already divided by the keep probability. */
    INDArray mask(int steps, int batch, double keep, DataType type);
}
