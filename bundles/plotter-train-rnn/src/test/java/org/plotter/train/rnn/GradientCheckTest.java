package org.plotter.train.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.data.StrokeBatches;

/** Back-propagation against central finite differences, in double precision, for every parameter of a tiny network. */
class GradientCheckTest {
    static final double STEP = 1e-5;
    static final double RELATIVE_BOUND = 1e-4;

    static StrokeBatches.Batch tinyBatch(int sketches, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sketch> list = new ArrayList<>();
        int[] cls = new int[sketches];
        for (int s = 0; s < sketches; s++) {
            int n = 2 + random.nextInt(5);
            float[][] rows = new float[n][3];
            for (int i = 0; i < n; i++) {
                rows[i] = new float[] {(float) random.nextGaussian(), (float) random.nextGaussian(), i == n - 1 || random.nextInt(4) == 0 ? 1 : 0};
            }
            list.add(Sketch.fromStroke3(rows));
            cls[s] = s % classes;
        }
        return StrokeBatches.batch(list, cls);
    }

    void check(Map<String, Object> changes, int classes) {
        TrainingHyperParameters hp = TrainingHyperParameters.DEFAULTS.with(changes);
        boolean dropout = hp.recurrentDropoutProb() < 1;
        SketchRnnNetwork net = new SketchRnnNetwork(hp, classes, DataType.DOUBLE);
        net.initialise(7);
        // larger weights than at initialisation, so that every gate is exercised, and none exactly zero
        net.parameters.values().muli(3).addi(org.nd4j.linalg.factory.Nd4j.randn(DataType.DOUBLE, net.parameters.values().shape()).muli(0.1));
        StrokeBatches.Batch batch = tinyBatch(3, classes, 11);
        net.train(batch, 0.7, 5);
        INDArray analytic = net.parameters.gradients().dup();
        INDArray values = net.parameters.values();
        double worst = 0;
        String worstAt = "";
        for (long i = 0; i < values.length(); i++) {
            double v = values.getDouble(i);
            values.putScalar(i, v + STEP);
            double plus = net.run(batch, 0.7, dropout, false, 5).total();
            values.putScalar(i, v - STEP);
            double minus = net.run(batch, 0.7, dropout, false, 5).total();
            values.putScalar(i, v);
            double numeric = (plus - minus) / (2 * STEP);
            double a = analytic.getDouble(i);
            double error = Math.abs(a - numeric) / Math.max(1e-6, Math.abs(a) + Math.abs(numeric));
            if (error > worst) {
                worst = error;
                worstAt = "parameter " + i + " analytic " + a + " numeric " + numeric;
            }
        }
        System.out.printf("gradient check %s: %d parameters, worst relative error %.2e (%s)%n", changes, values.length(), worst, worstAt);
        assertTrue(worst < RELATIVE_BOUND, "worst relative error " + worst + " at " + worstAt);
    }

    @Test
    void decoderOnlyClassConditional() {
        check(Map.of("z_size", 0, "dec_rnn_size", 4, "num_mixture", 2, "class_embedding_size", 3, "max_seq_len", 10,
                "recurrent_dropout_prob", 1.0), 2);
    }

    @Test
    void variationalWithDropoutAndClasses() {
        check(Map.of("z_size", 2, "enc_rnn_size", 3, "dec_rnn_size", 4, "num_mixture", 2, "class_embedding_size", 2, "max_seq_len", 10,
                "recurrent_dropout_prob", 0.8, "kl_tolerance", 0.0), 2);
    }

    @Test
    void layerNormDecoderClassConditional() {
        check(Map.of("dec_model", "layer_norm", "z_size", 0, "dec_rnn_size", 4, "num_mixture", 2, "class_embedding_size", 3,
                "max_seq_len", 10, "recurrent_dropout_prob", 1.0), 2);
    }

    @Test
    void layerNormDecoderVariationalWithDropout() {
        check(Map.of("dec_model", "layer_norm", "z_size", 2, "enc_rnn_size", 3, "dec_rnn_size", 4, "num_mixture", 2,
                "class_embedding_size", 2, "max_seq_len", 10, "recurrent_dropout_prob", 0.8, "kl_tolerance", 0.0), 2);
    }

    @Test
    void hyperLstmDecoderVariationalWithDropoutAndClasses() {
        Map<String, Object> hp = new java.util.HashMap<>(Map.of("dec_model", "hyper", "hyper_num_units", 3, "hyper_embedding_size", 2,
                "z_size", 2, "enc_rnn_size", 3, "dec_rnn_size", 4, "num_mixture", 2));
        hp.putAll(Map.of("class_embedding_size", 2, "max_seq_len", 10, "recurrent_dropout_prob", 0.8, "kl_tolerance", 0.0));
        check(hp, 2);
    }
}
