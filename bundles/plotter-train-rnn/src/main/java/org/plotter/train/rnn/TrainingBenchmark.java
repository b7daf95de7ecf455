package org.plotter.train.rnn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.plotter.sketch.data.SketchDataFiles;
import org.plotter.sketch.data.SketchDataSet;
import org.plotter.sketch.data.StrokeBatches;

/**
 * Training speed (prints numbers, asserts nothing): steps/s and sketches/s on a data file at a given
 * size, the FLOP rate those steps reach, and in the same run the GFLOP/s of an ND4J gemm of the
 * decoder's step shape {@code [batch, 5 + H] × [5 + H, 4H]}; the ratio is how much of the machine's
 * matrix speed the training loop keeps.
 *
 * <p>{@code TrainingBenchmark DATA STEPS k=v,… [k=v,…]…}: one measurement per hyper-parameter set.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {}

    public static void main(String[] args) throws Exception {
        SketchDataSet data = SketchDataFiles.read(Path.of(args[0]));
        int steps = Integer.parseInt(args[1]);
        for (int a = 2; a < args.length; a++) {
            Map<String, String> changes = new java.util.LinkedHashMap<>();
            for (String kv : args[a].split(",")) {
                if (!kv.isBlank()) {
                    changes.put(kv.split("=")[0].trim(), kv.split("=")[1].trim());
                }
            }
            measure(data, steps, TrainingHyperParameters.DEFAULTS.with(changes), args[a]);
        }
    }

    static void measure(SketchDataSet data, int steps, TrainingHyperParameters hp, String label) {
        StrokeBatches batches = new StrokeBatches(List.of(data), SketchDataSet.Split.TRAIN, StrokeBatches.scaleFactor(List.of(data), hp.maxSeqLen()), hp.maxSeqLen());
        SketchRnnNetwork net = new SketchRnnNetwork(hp, 1, DataType.FLOAT);
        net.initialise(1);
        AdamOptimiser adam = new AdamOptimiser(hp, net.parameters);
        int warmUp = 2;
        double flops = 0;
        long start = 0;
        for (int s = 0; s < warmUp + steps; s++) {
            if (s == warmUp) {
                start = System.nanoTime();
            }
            StrokeBatches.Batch batch = batches.trainingBatch(hp.seed(), s, hp.batchSize(), hp.randomScaleFactor(), hp.augmentStrokeProb());
            net.train(batch, hp.klWeightAt(s), s);
            adam.step(net.parameters, s);
            if (s >= warmUp) {
                flops += flops(hp, batch);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double gemm = gemmGflops(hp.batchSize(), 5 + hp.zSize() + hp.decRnnSize(), 4 * hp.decRnnSize());
        double rate = flops / seconds / 1e9;
        System.out.printf("%s: %,d parameters; %.3f steps/s, %.1f sketches/s; %.1f GFLOP/s in training, gemm [%d x %d] x [%d x %d] %.1f GFLOP/s: %.0f %%%n",
                label.isBlank() ? "magenta defaults" : label, net.parameters.length(), steps / seconds, steps * hp.batchSize() / seconds, rate,
                hp.batchSize(), 5 + hp.zSize() + hp.decRnnSize(), 5 + hp.zSize() + hp.decRnnSize(), 4 * hp.decRnnSize(), gemm, 100 * rate / gemm);
    }

    /** Matrix-product FLOPs of one training step (forward, and backward at twice that), the part a gemm can be compared with. */
    static double flops(TrainingHyperParameters hp, StrokeBatches.Batch batch) {
        double rows = (double) batch.size() * batch.steps();
        double decoderIn = 5 + hp.zSize();
        int h = hp.decRnnSize();
        int out = 3 + 6 * hp.numMixture();
        double forward = 2 * rows * (decoderIn + h) * 4 * h + 2 * rows * h * out;
        if (hp.variational()) {
            int e = hp.encRnnSize();
            forward += 2 * 2 * rows * (5 + e) * 4 * e;
        }
        return 3 * forward;
    }

    static double gemmGflops(int m, int k, int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k), b = Nd4j.rand(DataType.FLOAT, k, n), c = Nd4j.create(DataType.FLOAT, m, n);
        for (int i = 0; i < 20; i++) {
            Nd4j.gemm(a, b, c, false, false, 1, 0);
        }
        int reps = 200;
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            Nd4j.gemm(a, b, c, false, false, 1, 0);
        }
        return 2.0 * m * k * n * reps / ((System.nanoTime() - start) / 1e9) / 1e9;
    }
}
