package org.plotter.model.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.plotter.api.sketch.Sketch;

/**
 * The generative half of Sketch-RNN: the LSTM cell and the mixture density head run one point at a
 * time, in normalised units. Sequences begin with the start token {@code (0, 0, 1, 0, 0)}.
 */
final class SketchRnnDecoder {
    static final float[] START_TOKEN = {0f, 0f, 1f, 0f, 0f};

    private final SketchRnnHyperParameters shape;
    private final DecoderCell cell;
    private final MixtureDensityHead head;

    SketchRnnDecoder(DecoderWeights weights, Kernels kernels) {
        this(weights, new LstmCell(weights, kernels), kernels);
    }

    /** A decoder with another cell; {@code weights} give the shape and the output layer. */
    SketchRnnDecoder(DecoderWeights weights, DecoderCell cell, Kernels kernels) {
        this.shape = weights.shape();
        this.cell = cell;
        this.head = new MixtureDensityHead(weights, kernels);
    }

    SketchRnnHyperParameters shape() {
        return shape;
    }

    MixtureDensityHead head() {
        return head;
    }

    /** Teacher forcing: the output layer after the start token and after each of {@code inputs} but the last. */
    float[][] outputs(float[][] inputs) {
        return outputs(cell.zeroState(), inputs);
    }

    /** {@link #outputs(float[][])} from a given start state (conditioned models). */
    float[][] outputs(LstmCell.State state, float[][] inputs) {
        float[][] outputs = new float[inputs.length][];
        float[] x = START_TOKEN;
        for (int t = 0; t < inputs.length; t++) {
            cell.step(x, state);
            outputs[t] = head.project(state.h, new float[head.width()]);
            x = inputs[t];
        }
        return outputs;
    }

    /**
     * Feeds {@code prefix} (normalised stroke-5 rows, no end token), then samples until end-of-sketch
     * or until {@code maxSteps} points were drawn in total. Returns only the sampled rows.
     *
     * @param stopAtEnd false to always run {@code maxSteps} steps (benchmarks)
     */
    List<float[]> sample(float[][] prefix, double temperature, RandomGenerator random, int maxSteps, boolean stopAtEnd) {
        return sample(cell.zeroState(), prefix, temperature, random, maxSteps, stopAtEnd);
    }

    DecoderCell cell() {
        return cell;
    }

    /** {@link #sample(float[][], double, RandomGenerator, int, boolean)} from a given start state (conditioned models). */
    List<float[]> sample(LstmCell.State state, float[][] prefix, double temperature, RandomGenerator random, int maxSteps, boolean stopAtEnd) {
        float[] out = new float[head.width()];
        float[] x = START_TOKEN;
        for (float[] row : prefix) {
            cell.step(x, state);
            x = row;
        }
        List<float[]> sampled = new ArrayList<>();
        for (int t = prefix.length; t < maxSteps; t++) {
            cell.step(x, state);
            x = head.sample(head.project(state.h, out), temperature, random);
            if (x[4] > 0.5f && stopAtEnd) {
                break;
            }
            sampled.add(x);
        }
        return sampled;
    }

    /**
     * Continues {@code prefix} (in data units) from {@code state} as {@link org.plotter.api.model.SketchModel#complete}
     * promises: the new points only, in data units, at most {@code limit} points in all.
     */
    Sketch complete(LstmCell.State state, Sketch prefix, double temperature, RandomGenerator random, int limit) {
        double scale = shape.scaleFactor();
        float[][] stroke5 = prefix.scaled((float) (1 / scale)).toStroke5();
        float[][] prefixRows = java.util.Arrays.copyOf(stroke5, stroke5.length - 1); // drop the end token
        List<float[]> rows = sample(state, prefixRows, temperature, random, Math.max(limit, prefixRows.length), true);
        return Sketch.fromStroke5(rows.toArray(new float[0][])).scaled((float) scale);
    }
}
