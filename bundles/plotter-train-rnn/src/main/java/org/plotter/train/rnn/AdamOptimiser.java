package org.plotter.train.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Magenta's optimiser step: gradients clipped element-wise to ±{@code grad_clip}, then Adam (ND4J's,
 * β1 0.9, β2 0.999, ε 1e-8 as TensorFlow's defaults) at the step's decayed learning rate. Its moment
 * estimates live in one state vector that checkpoints keep, so a resumed run continues exactly.
 */
final class AdamOptimiser {
    private final TrainingHyperParameters hp;
    private final Adam config;
    private final AdamUpdater updater;
    private final INDArray state;

    AdamOptimiser(TrainingHyperParameters hp, ParameterSet parameters) {
        this.hp = hp;
        this.config = new Adam(hp.learningRate());
        this.updater = new AdamUpdater(config);
        this.state = Nd4j.zeros(parameters.values().dataType(), 2 * parameters.length());
        updater.setStateViewArray(state, parameters.values().shape(), 'c', true);
    }

    /** The optimiser's state (first then second moments), for checkpoints. */
    INDArray state() {
        return state;
    }

    /** Applies one step {@code step} (counted from 0) to the parameters from their gradients. */
    void step(ParameterSet parameters, long step) {
        INDArray g = parameters.gradients();
        Transforms.min(g, hp.gradClip(), false);
        Transforms.max(g, -hp.gradClip(), false);
        config.setLearningRate(hp.learningRateAt(step));
        updater.applyUpdater(g, (int) step, 0);
        parameters.values().subi(g);
    }
}
