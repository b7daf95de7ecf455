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
 * Samples many sketches at once on ND4J, where batching amortises ND4J's per-op overhead.
 *
 * <p>The state is kept transposed, {@code [units, B]}, so that each gate of
 * {@code g = Wᵀ·[x; h] + b} is a contiguous block of rows. All four gates then take one in-place
 * sigmoid: the candidate gate's weights and bias are stored doubled, because
 * {@code tanh(a) = 2σ(2a) − 1}, and the forget bias is folded into the stored bias. The mixture
 * sampling per sketch stays in Java ({@link MixtureDensityHead}), so sketch {@code r} with seed
 * {@code s + r} draws what the single-sketch sampler draws with that seed (up to float rounding).
 */
final class BatchedSketchRnnSampler {
    private final SketchRnnHyperParameters shape;
    private final MixtureDensityHead head;
    private final INDArray inputWt;   // [4·units, in]
    private final INDArray hiddenWt;  // [4·units, units]
    private final INDArray bias;      // [4·units, 1]
    private final INDArray outputWt;  // [out, units]
    private final INDArray outputB;   // [out, 1]

    BatchedSketchRnnSampler(DecoderWeights weights) {
        Nd4jBackend.require();
        if (weights.layerNorm() != null) {
            throw new IllegalArgumentException("the batched sampler runs plain LSTM decoders only");
        }
        this.shape = weights.shape();
        this.head = new MixtureDensityHead(weights, ScalarKernels.INSTANCE); // only its sampling is used
        int in = shape.inputWidth(), units = shape.decoderUnits(), gates = shape.gateWidth(), out = shape.outputWidth();
        float[] gateScale = new float[gates];
        float[] b = weights.lstmB().clone();
        for (int j = 0; j < gates; j++) {
            boolean candidate = j >= units && j < 2 * units;
            gateScale[j] = candidate ? 2f : 1f;
            b[j] = b[j] * gateScale[j] + (j >= 2 * units && j < 3 * units ? FORGET_BIAS : 0f);
        }
        this.inputWt = transposed(weights.lstmWx(), in, gates, gateScale);
        this.hiddenWt = transposed(weights.lstmWh(), units, gates, gateScale);
        this.bias = Nd4j.create(b, new long[] {gates, 1}, 'c');
        this.outputWt = transposed(weights.outputW(), units, out, null);
        this.outputB = Nd4j.create(weights.outputB(), new long[] {out, 1}, 'c');
    }

    /** A row-major {@code [rows, cols]} matrix as an ND4J {@code [cols, rows]} array, column {@code j} scaled by {@code scale[j]}. */
    private static INDArray transposed(float[] w, int rows, int cols, float[] scale) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c] * (scale == null ? 1f : scale[c]);
            }
        }
        return Nd4j.create(t, new long[] {cols, rows}, 'c');
    }

    /**
     * @param stopAtEnd false to run all {@code steps} for every sketch (benchmarks)
     * @return per sketch, the sampled normalised stroke-5 points, without the end token
     */
    List<List<float[]>> sample(int batch, double temperature, long seed, int steps, boolean stopAtEnd) {
        int in = shape.inputWidth(), units = shape.decoderUnits(), width = head.width();
        INDArray h = Nd4j.zeros(DataType.FLOAT, units, batch);
        INDArray c = Nd4j.zeros(DataType.FLOAT, units, batch);
        INDArray g = Nd4j.create(DataType.FLOAT, shape.gateWidth(), batch);
        INDArray input = gate(g, 0), candidate = gate(g, 1), forget = gate(g, 2), output = gate(g, 3);
        float[] x = new float[in * batch]; // [in, B]
        List<List<float[]>> sketches = new ArrayList<>();
        SplittableRandom[] random = new SplittableRandom[batch];
        boolean[] ended = new boolean[batch];
        for (int r = 0; r < batch; r++) {
            setColumn(x, batch, r, SketchRnnDecoder.START_TOKEN);
            sketches.add(new ArrayList<>());
            random[r] = new SplittableRandom(seed + r);
        }
        float[] row = new float[width];
        int running = batch;
        for (int t = 0; t < steps && running > 0; t++) {
            Nd4j.gemm(inputWt, Nd4j.create(x, new long[] {in, batch}, 'c'), g, false, false, 1.0, 0.0);
            Nd4j.gemm(hiddenWt, h, g, false, false, 1.0, 1.0);
            Transforms.sigmoid(g.addiColumnVector(bias), false);
            candidate.muli(2f).subi(1f); // tanh from the doubled pre-activation
            c.muli(forget).addi(input.muli(candidate));
            h.assign(Transforms.tanh(c, true).muli(output));
            float[] outputs = outputWt.mmul(h).addiColumnVector(outputB).data().asFloat(); // [out, B]
            for (int r = 0; r < batch; r++) {
                if (ended[r]) {
                    continue;
                }
                for (int k = 0; k < width; k++) {
                    row[k] = outputs[k * batch + r];
                }
                float[] point = head.sample(row, temperature, random[r]);
                if (point[4] > 0.5f && stopAtEnd) {
                    ended[r] = true;
                    running--;
                    continue;
                }
                sketches.get(r).add(point);
                setColumn(x, batch, r, point);
            }
        }
        return sketches;
    }

    /** Gate {@code index}'s rows of {@code g}: a contiguous view, so in-place ops write into {@code g}. */
    private INDArray gate(INDArray g, int index) {
        long units = shape.decoderUnits();
        return g.get(NDArrayIndex.interval(index * units, (index + 1) * units), NDArrayIndex.all());
    }

    private static void setColumn(float[] x, int batch, int r, float[] point) {
        for (int k = 0; k < point.length; k++) {
            x[k * batch + r] = point[k];
        }
    }
}
