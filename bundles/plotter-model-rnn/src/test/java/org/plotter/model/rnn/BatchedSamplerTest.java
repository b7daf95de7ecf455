package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ND4J batched sampler draws, row by row, what the plain-array sampler draws with the same seed. */
class BatchedSamplerTest {
    @Test
    void eachRowMatchesTheSingleSketchSampler() throws Exception {
        DecoderWeights weights = MagentaCheckpoint.read(SharedData.require("models/magenta/sheep.gen.json")).weights();
        SketchRnnDecoder single = new SketchRnnDecoder(weights, TestEngines.VECTOR.kernels()); // the vector kernels, in the tests
        List<List<float[]>> batch = new BatchedSketchRnnSampler(weights).sample(4, 0.4, 100, 60, true);
        for (int r = 0; r < 4; r++) {
            List<float[]> expected = single.sample(new float[0][], 0.4, new SplittableRandom(100 + r), 60, true);
            List<float[]> actual = batch.get(r);
            assertEquals(expected.size(), actual.size(), "row " + r + " length");
            for (int t = 0; t < expected.size(); t++) {
                for (int k = 0; k < 5; k++) {
                    assertEquals(expected.get(t)[k], actual.get(t)[k], 1e-3, "row " + r + " step " + t);
                }
            }
        }
    }
}
