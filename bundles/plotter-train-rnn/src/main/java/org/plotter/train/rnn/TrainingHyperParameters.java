package org.plotter.train.rnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plotter.api.InvalidInputException;

/**
 * Every hyper-parameter of a Sketch-RNN training run, under magenta's names and with its defaults
 * (Ha &amp; Eck 2017; magenta's {@code get_default_hparams}), plus this project's additions:
 * {@code class_embedding_size} (0 = one class) and the schedule of validation and checkpoints, and the
 * HyperLSTM's sizes, which magenta fixes in its cell ({@code hyper_num_units} 256, {@code hyper_embedding_size} 32).
 *
 * @param zSize latent size; 0 trains a decoder only (magenta's {@code conditional=False})
 */
record TrainingHyperParameters(String decModel, int encRnnSize, int decRnnSize, int zSize, int classEmbeddingSize,
        int hyperNumUnits, int hyperEmbeddingSize, int numMixture, int maxSeqLen, int batchSize, double learningRate, double decayRate, double minLearningRate,
        double gradClip, double klWeight, double klWeightStart, double klDecayRate, double klTolerance,
        double recurrentDropoutProb, double randomScaleFactor, double augmentStrokeProb, int saveEvery, int evalEvery, long seed) {

    /** The decoder cells this trainer has, under magenta's names. */
    static final List<String> CELLS = List.of("lstm", "layer_norm", "hyper");

    static final TrainingHyperParameters DEFAULTS = new TrainingHyperParameters("lstm", 256, 512, 128, 32, 256, 32, 20, 250, 100,
            0.001, 0.9999, 0.00001, 1.0, 0.5, 0.01, 0.99995, 0.2, 0.90, 0.15, 0.10, 500, 500, 1);

    TrainingHyperParameters {
        if (!CELLS.contains(decModel)) {
            throw new InvalidInputException("dec_model=" + decModel + " is not available; this trainer has " + CELLS);
        }
        if (encRnnSize <= 0 || decRnnSize <= 0 || zSize < 0 || classEmbeddingSize < 0 || hyperNumUnits <= 0 || hyperEmbeddingSize <= 0
                || numMixture <= 0 || maxSeqLen <= 0
                || batchSize <= 0 || saveEvery <= 0 || evalEvery <= 0) {
            throw new InvalidInputException("sizes must be positive (z_size and class_embedding_size may be 0)");
        }
        if (!(recurrentDropoutProb > 0 && recurrentDropoutProb <= 1) || learningRate <= 0 || gradClip <= 0) {
            throw new InvalidInputException("recurrent_dropout_prob must be in (0, 1], learning_rate and grad_clip positive");
        }
    }

    /** Whether the decoder is magenta's {@code LayerNormLSTMCell}. */
    boolean layerNormDecoder() {
        return decModel.equals("layer_norm");
    }

    /** Whether the decoder is magenta's {@code HyperLSTMCell}. */
    boolean hyperDecoder() {
        return decModel.equals("hyper");
    }

    boolean variational() {
        return zSize > 0;
    }

    /** Magenta's schedule: {@code (lr − min)·decay^step + min}. */
    double learningRateAt(long step) {
        return (learningRate - minLearningRate) * Math.pow(decayRate, step) + minLearningRate;
    }

    /** Magenta's KL annealing: {@code w − (w − w_start)·rate^step}. */
    double klWeightAt(long step) {
        return klWeight - (klWeight - klWeightStart) * Math.pow(klDecayRate, step);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dec_model", decModel);
        m.put("enc_rnn_size", encRnnSize);
        m.put("dec_rnn_size", decRnnSize);
        m.put("z_size", zSize);
        m.put("class_embedding_size", classEmbeddingSize);
        m.put("hyper_num_units", hyperNumUnits);
        m.put("hyper_embedding_size", hyperEmbeddingSize);
        m.put("num_mixture", numMixture);
        m.put("max_seq_len", maxSeqLen);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("decay_rate", decayRate);
        m.put("min_learning_rate", minLearningRate);
        m.put("grad_clip", gradClip);
        m.put("kl_weight", klWeight);
        m.put("kl_weight_start", klWeightStart);
        m.put("kl_decay_rate", klDecayRate);
        m.put("kl_tolerance", klTolerance);
        m.put("recurrent_dropout_prob", recurrentDropoutProb);
        m.put("random_scale_factor", randomScaleFactor);
        m.put("augment_stroke_prob", augmentStrokeProb);
        m.put("save_every", saveEvery);
        m.put("eval_every", evalEvery);
        m.put("seed", seed);
        return m;
    }

    /** These values with {@code changes} (magenta's names) applied; an unknown name or bad value is refused. */
    TrainingHyperParameters with(Map<String, ?> changes) {
        Map<String, Object> m = asMap();
        for (var change : changes.entrySet()) {
            if (!m.containsKey(change.getKey())) {
                throw new InvalidInputException("unknown hyper-parameter '" + change.getKey() + "'; known: " + String.join(", ", m.keySet()));
            }
            m.put(change.getKey(), change.getValue());
        }
        try {
            return new TrainingHyperParameters(str(m, "dec_model"), i(m, "enc_rnn_size"), i(m, "dec_rnn_size"), i(m, "z_size"),
                    i(m, "class_embedding_size"), i(m, "hyper_num_units"), i(m, "hyper_embedding_size"), i(m, "num_mixture"), i(m, "max_seq_len"), i(m, "batch_size"),
                    d(m, "learning_rate"), d(m, "decay_rate"), d(m, "min_learning_rate"), d(m, "grad_clip"), d(m, "kl_weight"),
                    d(m, "kl_weight_start"), d(m, "kl_decay_rate"), d(m, "kl_tolerance"), d(m, "recurrent_dropout_prob"),
                    d(m, "random_scale_factor"), d(m, "augment_stroke_prob"), i(m, "save_every"), i(m, "eval_every"),
                    (long) d(m, "seed"));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("a hyper-parameter is not a number: " + e.getMessage());
        }
    }

    private static String str(Map<String, Object> m, String k) {
        return String.valueOf(m.get(k)).trim();
    }

    private static int i(Map<String, Object> m, String k) {
        double v = d(m, k);
        if (v != Math.rint(v)) {
            throw new InvalidInputException(k + " must be a whole number, not " + m.get(k));
        }
        return (int) v;
    }

    private static double d(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
    }
}
