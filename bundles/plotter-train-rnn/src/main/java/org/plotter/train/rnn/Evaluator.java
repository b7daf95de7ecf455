package org.plotter.train.rnn;

import org.plotter.sketch.data.StrokeBatches;

/** Scores sketches under a network without dropout: the loss parts summed over sketches. */
final class Evaluator {
    private Evaluator() {}

    /** {@code [sum over sketches of (L_s + L_p), sketches]} for class {@code c}. */
    static double[] classLoss(SketchRnnNetwork net, StrokeBatches data, int c, long seed) {
        double[] parts = classParts(net, data, c, seed);
        return new double[] {parts[0] + parts[1], parts[4]};
    }

    /** {@code [L_s, L_p, L_KL, total]} summed over sketches (each batch's mean times its size), then the count. */
    static double[] classParts(SketchRnnNetwork net, StrokeBatches data, int c, long seed) {
        double[] sums = new double[5];
        for (StrokeBatches.Batch batch : data.classBatches(c, TrainingRun.EVAL_BATCH)) {
            SketchRnnNetwork.Losses l;
            try (var scope = StepMemory.open()) {
                l = net.evaluate(batch, net.hp.klWeight(), seed);
            }
            sums[0] += l.offset() * batch.size();
            sums[1] += l.pen() * batch.size();
            sums[2] += l.kl() * batch.size();
            sums[3] += l.total() * batch.size();
            sums[4] += batch.size();
        }
        return sums;
    }
}
