package org.plotter.model.rnn;

import static org.plotter.model.rnn.SketchRnnHyperParameters.FORGET_BIAS;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Samples many sketches at once on ND4J: each step is one {@code [B, in+units] × [in+units, 4·units]}
 * product, where batching amortises ND4J's per-op overhead. The mixture sampling per row stays in
 * Java ({@link MixtureDensityHead}), so row {@code r} with seed {@code s + r} draws what the
 * single-sketch sampler draws with that seed (up to float rounding).
 */
final class BatchedSketchRnnSampler {
    private final SketchRnnHyperParameters shape;
    private final MixtureDensityHead head;
    private final INDArray w;
    private final INDArray bias;
    private final INDArray outputW;
    private final INDArray outputB;

    BatchedSketchRnnSampler(DecoderWeights weights) {
        Nd4jBackend.require();
        this.shape = weights.shape();
        this.head = new MixtureDensityHead(weights);
        int in = shape.inputWidth(), units = shape.decoderUnits(), gates = shape.gateWidth(), out = shape.outputWidth();
        float[] stacked = new float[(in + units) * gates]; // [Wx; Wh], so x and h go through one product
        System.arraycopy(weights.lstmWx(), 0, stacked, 0, in * gates);
        System.arraycopy(weights.lstmWh(), 0, stacked, in * gates, units * gates);
        this.w = Nd4j.create(stacked, new long[] {in + units, gates}, 'c');
        this.bias = Nd4j.create(weights.lstmB(), new long[] {1, gates}, 'c');
        this.outputW = Nd4j.create(weights.outputW(), new long[] {units, out}, 'c');
        this.outputB = Nd4j.create(weights.outputB(), new long[] {1, out}, 'c');
    }

    /**
     * @param stopAtEnd false to run all {@code steps} for every row (benchmarks)
     * @return per row, the sampled normalised stroke-5 points, without the end token
     */
    List<List<float[]>> sample(int batch, double temperature, long seed, int steps, boolean stopAtEnd) {
        int units = shape.decoderUnits();
        INDArray h = Nd4j.zeros(DataType.FLOAT, batch, units);
        INDArray c = Nd4j.zeros(DataType.FLOAT, batch, units);
        float[][] x = new float[batch][];
        List<List<float[]>> sketches = new ArrayList<>();
        SplittableRandom[] random = new SplittableRandom[batch];
        boolean[] ended = new boolean[batch];
        for (int r = 0; r < batch; r++) {
            x[r] = SketchRnnDecoder.START_TOKEN.clone();
            sketches.add(new ArrayList<>());
            random[r] = new SplittableRandom(seed + r);
        }
        int running = batch;
        for (int t = 0; t < steps && running > 0; t++) {
            INDArray g = Nd4j.hstack(Nd4j.create(x), h).mmul(w).addiRowVector(bias);
            INDArray input = Transforms.sigmoid(gate(g, 0), false);
            INDArray candidate = Transforms.tanh(gate(g, 1), false);
            INDArray forget = Transforms.sigmoid(gate(g, 2).addi(FORGET_BIAS), false);
            INDArray output = Transforms.sigmoid(gate(g, 3), false);
            c = c.mul(forget).addi(input.mul(candidate));
            h = Transforms.tanh(c, true).muli(output);
            float[][] outputs = h.mmul(outputW).addiRowVector(outputB).toFloatMatrix();
            for (int r = 0; r < batch; r++) {
                if (ended[r]) {
                    continue;
                }
                float[] point = head.sample(outputs[r], temperature, random[r]);
                if (point[4] > 0.5f && stopAtEnd) {
                    ended[r] = true;
                    running--;
                    continue;
                }
                sketches.get(r).add(point);
                x[r] = point;
            }
        }
        return sketches;
    }

    private INDArray gate(INDArray g, int index) {
        int units = shape.decoderUnits();
        return g.get(NDArrayIndex.all(), NDArrayIndex.interval((long) index * units, (long) (index + 1) * units)).dup();
    }
}
