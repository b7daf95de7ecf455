package org.plotter.train.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation (Ba et al. 2016) of a feature-major block {@code [features, batch]}: each column
 * (one sketch's units) to zero mean and unit variance, with magenta's ε = 10⁻³ inside the square root.
 * The learned gain and offset are applied by the caller, which owns those parameters.
 */
final class LayerNorm {
    static final double EPSILON = 1e-3;

    private LayerNorm() {}

    /**
     * Writes {@code (x − mean)·rstd} into {@code normalised} and returns {@code rstd = 1/√(var + ε)},
     * one value per column ({@code [1, batch]}).
     */
    static INDArray forward(INDArray x, INDArray normalised) {
        normalised.assign(x).subiRowVector(x.mean(true, 0));
        INDArray variance = normalised.mul(normalised).mean(true, 0);
        INDArray rstd = Transforms.sqrt(variance.addi(EPSILON), false).rdivi(1);
        normalised.muliRowVector(rstd);
        return rstd;
    }

    /**
     * Turns {@code d}, the gradient by the normalised values, into the gradient by the inputs, in place:
     * {@code rstd·(d − mean(d) − n·mean(d·n))}.
     */
    static void backwardInPlace(INDArray d, INDArray normalised, INDArray rstd) {
        INDArray meanD = d.mean(true, 0);
        INDArray meanDn = d.mul(normalised).mean(true, 0);
        d.subiRowVector(meanD).subi(normalised.mulRowVector(meanDn)).muliRowVector(rstd);
    }
}
