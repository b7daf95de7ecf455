package org.plotter.train.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.data.StrokeBatches;

/** A small network learns eight sketches by heart, with each decoder cell: what a training loop that works must do. */
class OverfitTest {
    static final int STEPS = 300;
    /** L_s + L_p over Nmax = 20 (about 3 untrained; measured -3.7 after 300 steps): below -1 only when the offsets are learnt. */
    static final double BOUND = -1.0;

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "layer_norm", "hyper"})
    void eightSketchesAreLearnt(String cell) {
        Map<String, Object> changes = new java.util.HashMap<>(Map.of("z_size", 0, "dec_rnn_size", 64, "num_mixture", 3, "max_seq_len", 20,
                "recurrent_dropout_prob", 1.0, "learning_rate", 0.01, "min_learning_rate", 0.001, "dec_model", cell));
        changes.putAll(Map.of("hyper_num_units", 32, "hyper_embedding_size", 8));
        TrainingHyperParameters hp = TrainingHyperParameters.DEFAULTS.with(changes);
        SketchRnnNetwork net = new SketchRnnNetwork(hp, 1, DataType.FLOAT);
        net.initialise(3);
        AdamOptimiser adam = new AdamOptimiser(hp, net.parameters);
        StrokeBatches.Batch batch = StrokeBatches.batch(squares(8), new int[8]);
        double first = net.evaluate(batch, 0, 0).total();
        double last = first;
        for (int step = 0; step < STEPS; step++) {
            last = net.train(batch, 0, step).total();
            adam.step(net.parameters, step);
        }
        System.out.printf("overfit %s: loss %.3f before, %.3f after %d steps%n", cell, first, last, STEPS);
        assertTrue(last < BOUND, "loss " + last + " after " + STEPS + " steps (from " + first + ")");
    }

    /** Eight different squares of 20 points: five per side with pen lifts at the corners of every other one. */
    static List<Sketch> squares(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(k -> {
            float side = 0.5f + 0.1f * k;
            float[][] rows = new float[20][];
            for (int i = 0; i < 20; i++) {
                int edge = i / 5;
                float d = side / 5;
                float dx = edge == 0 ? d : edge == 2 ? -d : 0;
                float dy = edge == 1 ? d : edge == 3 ? -d : 0;
                boolean lift = i == 19 || (k % 2 == 1 && i % 5 == 4);
                rows[i] = new float[] {dx, dy, lift ? 1 : 0};
            }
            return Sketch.fromStroke3(rows);
        }).toList();
    }
}
