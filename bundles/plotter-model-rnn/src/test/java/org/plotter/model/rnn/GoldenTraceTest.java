package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plotter.api.model.ModelLoadException;

/**
 * Feeds the reference traces' fixed inputs through our decoder and compares with the per-step outputs
 * and NLL of an independent implementation.
 *
 * <p>The trace prints inputs and outputs with 6 decimals. At a few steps the model puts a needle-sharp
 * component (σ ≈ 2e-5) on a near-zero offset, where the NLL's slope is ~3e4 per unit: there, the
 * print rounding alone (5e-7) and float32 differences between two implementations' outputs (~1e-5)
 * move the NLL by up to ~0.03. So each step's NLL must match within 1e-4 plus what its measured slope
 * times the known input and output differences allows (first-order error propagation), and the mean
 * over the well-conditioned steps, where that allowance is negligible, must match within 1e-4.
 */
class GoldenTraceTest {
    private static final double OUTPUT_TOLERANCE = 1e-4;
    private static final double NLL_TOLERANCE = 1e-4;
    private static final double PRINT_ROUNDING = 5e-7;

    /** Both kernel sets; the vector one needs --add-modules jdk.incubator.vector (the pom's argLine). */
    static Kernels kernels(String name) {
        if (name.equals("scalar")) {
            return ScalarKernels.INSTANCE;
        }
        Kernels best = TestEngines.VECTOR.kernels();
        assertTrue(best instanceof VectorKernels, "the test JVM should offer the Vector API");
        return best;
    }

    @ParameterizedTest
    @CsvSource({"dog, scalar", "dog, vector", "sheep, scalar", "sheep, vector"})
    void decoderMatchesReferenceTrace(String name, String kernelName) throws IOException, ModelLoadException {
        Path checkpoint = SharedData.require("models/magenta/" + name + ".gen.json");
        JsonNode trace = new ObjectMapper().readTree(SharedData.require("reference/" + name + ".trace.json").toFile());
        SketchRnnDecoder decoder = new SketchRnnDecoder(MagentaCheckpoint.read(checkpoint).weights(), kernels(kernelName));
        name = name + " [" + kernelName + "]";

        float[][] inputs = rows(trace.get("input"));
        float[][] expected = rows(trace.get("output"));
        float[][] outputs = decoder.outputs(inputs);

        double worstOutput = 0;
        for (int t = 0; t < inputs.length; t++) {
            for (int j = 0; j < expected[t].length; j++) {
                worstOutput = Math.max(worstOutput, Math.abs(outputs[t][j] - expected[t][j]));
            }
        }
        assertTrue(worstOutput <= OUTPUT_TOLERANCE, name + ": worst output difference " + worstOutput);

        MixtureDensityHead head = decoder.head();
        double sumOurs = 0, sumReference = 0, sumWellOurs = 0, sumWellReference = 0, allowance = 0;
        int well = 0;
        for (int t = 0; t < inputs.length; t++) {
            double reference = trace.get("nll").get(t).asDouble();
            double slope = slope(head, expected[t], inputs[t]);
            // The loss alone, on the reference's own printed outputs: only print rounding separates us.
            double onReferenceOutputs = head.negativeLogLikelihood(expected[t], inputs[t]);
            assertEquals(reference, onReferenceOutputs, NLL_TOLERANCE + 2 * slope * PRINT_ROUNDING,
                    name + " step " + t + " NLL of the reference outputs (slope " + slope + ")");
            // End to end: our outputs differ from theirs by `drift`, which moves the means like an input shift.
            double ours = head.negativeLogLikelihood(outputs[t], inputs[t]);
            double bound = 2 * slope * PRINT_ROUNDING + Math.abs(ours - onReferenceOutputs);
            assertEquals(reference, ours, NLL_TOLERANCE + bound, name + " step " + t + " NLL (slope " + slope + ")");
            if (2 * slope * PRINT_ROUNDING <= NLL_TOLERANCE) {
                sumWellOurs += ours;
                sumWellReference += reference;
                well++;
            }
            allowance += bound;
            sumOurs += ours;
            sumReference += reference;
        }
        int n = inputs.length;
        System.out.printf("%s: %d steps, worst output diff %.2e, mean NLL %.6f vs reference %.6f (file %.6f); "
                        + "%d well-conditioned steps: mean diff %.2e; rounding allowance on the mean %.2e%n",
                name, n, worstOutput, sumOurs / n, sumReference / n, trace.get("mean_nll").asDouble(), well,
                Math.abs(sumWellOurs - sumWellReference) / well, allowance / n);
        assertTrue(well > n / 2, "most steps should be well-conditioned, got " + well + " of " + n);
        assertEquals(sumWellReference / well, sumWellOurs / well, NLL_TOLERANCE, name + " mean NLL over well-conditioned steps");
        assertEquals(trace.get("mean_nll").asDouble(), sumOurs / n, NLL_TOLERANCE + allowance / n, name + " mean NLL");
    }

    /** |∂NLL/∂dx| + |∂NLL/∂dy|, by central differences. */
    private static double slope(MixtureDensityHead head, float[] out, float[] target) {
        if (target[4] > 0.5f) {
            return 0; // the offset does not count at end-of-sketch
        }
        double total = 0;
        for (int axis = 0; axis < 2; axis++) {
            float h = Math.max(1e-7f, Math.ulp(target[axis]) * 4);
            float[] plus = target.clone();
            float[] minus = target.clone();
            plus[axis] += h;
            minus[axis] -= h;
            total += Math.abs(head.negativeLogLikelihood(out, plus) - head.negativeLogLikelihood(out, minus)) / (plus[axis] - minus[axis]);
        }
        return total;
    }

    private static float[][] rows(JsonNode array) {
        float[][] rows = new float[array.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = array.get(i);
            rows[i] = new float[row.size()];
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = (float) row.get(j).asDouble();
            }
        }
        return rows;
    }
}
