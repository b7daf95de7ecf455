package org.plotter.model.rnn;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code tools/bench-sample}: milliseconds per sketch, single and batched, and the GFLOP/s that is,
 * next to a 1024³ ND4J gemm on the same machine. Prints numbers; asserts nothing.
 * Arguments: checkpoint [temperature] [batch] (default: batches of 64, 256 and 1024).
 */
public final class SamplingBenchmark {
    private static final int FIXED_STEPS = 250;
    private static final int WARMUP = 20;
    private static final int RUNS = 50;
    private static final int GEMM = 1024;
    private static final int GEMM_RUNS = 31;

    private SamplingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args.length > 0 ? args[0] : "../shared/models/magenta/dog.gen.json");
        double temperature = args.length > 1 ? Double.parseDouble(args[1]) : 0.4;
        int[] batches = args.length > 2 ? new int[] {Integer.parseInt(args[2])} : new int[] {64, 256, 1024};
        DecoderWeights weights = MagentaCheckpoint.read(checkpoint).weights();
        SketchRnnHyperParameters shape = weights.shape();
        // one step: the gate product over [x; h] plus the output layer, 2 flops per multiply-add
        double flopsPerStep = 2.0 * ((shape.inputWidth() + shape.decoderUnits()) * shape.gateWidth()
                + (double) shape.decoderUnits() * shape.outputWidth());
        System.out.printf(Locale.ROOT, "model %s: %d units, %d mixtures, T=%.2f, %.1f MFLOP per step%n",
                checkpoint.getFileName(), shape.decoderUnits(), shape.mixtures(), temperature, flopsPerStep / 1e6);
        single(new SketchRnnDecoder(weights, ScalarKernels.INSTANCE), "scalar", temperature, shape, flopsPerStep);
        SketchRnnEngine engine = SketchRnnEngine.standalone(SketchRnnEngine.KernelChoice.VECTOR);
        Kernels best = engine.kernels();
        if (best != ScalarKernels.INSTANCE) {
            single(new SketchRnnDecoder(weights, best), best.name(), temperature, shape, flopsPerStep);
        } else {
            System.out.println("(vector kernels unavailable: run with --add-modules jdk.incubator.vector)");
        }
        engine.deactivate();

        BatchedSketchRnnSampler batched = new BatchedSketchRnnSampler(weights);
        System.out.println("ND4J backend: " + Nd4jBackend.require());
        for (int batch : batches) {
            batched.sample(batch, temperature, 0, 20, false); // warm-up: ND4J initialisation and JIT
            int batchRuns = 3;
            long start = System.nanoTime();
            for (int i = 0; i < batchRuns; i++) {
                List<List<float[]>> sketches = batched.sample(batch, temperature, i, FIXED_STEPS, false);
                if (sketches.size() != batch) {
                    throw new IllegalStateException("batch lost sketches");
                }
            }
            double batchMs = (System.nanoTime() - start) / 1e6 / batchRuns;
            report("batched x" + batch + ", fixed " + FIXED_STEPS + " steps, per batch", batchMs, (double) batch * FIXED_STEPS * flopsPerStep);
            System.out.printf(Locale.ROOT, "  = %.2f ms per sketch%n", batchMs / batch);
        }

        INDArray a = Nd4j.rand(DataType.FLOAT, GEMM, GEMM);
        INDArray b = Nd4j.rand(DataType.FLOAT, GEMM, GEMM);
        for (int i = 0; i < 5; i++) { // warm-up
            a.mmul(b);
        }
        // the machine's gemm rate varies run to run (turbo, other load): report the median of many
        double[] gemmMs = new double[GEMM_RUNS];
        for (int i = 0; i < GEMM_RUNS; i++) {
            long t = System.nanoTime();
            a.mmul(b);
            gemmMs[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(gemmMs);
        report("ND4J gemm " + GEMM + "^3 (median of " + GEMM_RUNS + ")", gemmMs[GEMM_RUNS / 2], 2.0 * GEMM * GEMM * GEMM);
    }

    private static void single(SketchRnnDecoder decoder, String kernels, double temperature,
                               SketchRnnHyperParameters shape, double flopsPerStep) {
        for (int i = 0; i < WARMUP; i++) {
            decoder.sample(new float[0][], temperature, new SplittableRandom(i), FIXED_STEPS, false);
        }
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            decoder.sample(new float[0][], temperature, new SplittableRandom(i), FIXED_STEPS, false);
        }
        double fixedMs = (System.nanoTime() - start) / 1e6 / RUNS;
        report("single sketch [" + kernels + "], fixed " + FIXED_STEPS + " steps", fixedMs, FIXED_STEPS * flopsPerStep);
        long steps = 0;
        start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            steps += decoder.sample(new float[0][], temperature, new SplittableRandom(i), shape.maxSeqLen(), true).size() + 1;
        }
        double naturalMs = (System.nanoTime() - start) / 1e6 / RUNS;
        System.out.printf(Locale.ROOT, "single sketch [%s], natural length (mean %.0f steps): %.1f ms per sketch%n",
                kernels, (double) steps / RUNS, naturalMs);
    }

    private static void report(String what, double ms, double flops) {
        System.out.printf(Locale.ROOT, "%s: %.1f ms, %.2f GFLOP/s%n", what, ms, flops / (ms / 1e3) / 1e9);
    }
}
