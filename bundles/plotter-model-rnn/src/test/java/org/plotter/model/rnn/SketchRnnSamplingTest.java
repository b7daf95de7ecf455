package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.model.ModelLoadException;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;

class SketchRnnSamplingTest {
    @TempDir
    Path temp;

    private SketchModel dog() throws ModelLoadException {
        return TestEngines.VECTOR.load(SharedData.require("models/magenta/dog.gen.json"));
    }

    @Test
    void aFixedSeedGivesTheSameSketch() throws ModelLoadException {
        SketchModel model = dog();
        Sketch a = model.sample(SamplingRequest.of("dog", 0.4, 42));
        Sketch b = model.sample(SamplingRequest.of("dog", 0.4, 42));
        Sketch c = model.sample(SamplingRequest.of("dog", 0.4, 43));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.size() > 10 && a.size() <= model.info().maxSteps(), "length " + a.size());
    }

    /** Interpreted and JIT-compiled kernels must give the same bits, or a seed's sketch would depend on timing. */
    @Test
    void aSeedGivesTheSameSketchWhileTheJitWarmsUp() throws ModelLoadException {
        SketchModel model = dog();
        Sketch first = model.sample(SamplingRequest.of("dog", 0.4, 42));
        for (int i = 0; i < 40; i++) {
            assertEquals(first, model.sample(SamplingRequest.of("dog", 0.4, 42)), "repetition " + i);
        }
    }

    @Test
    void sampleLengthRespectsTheLimit() throws ModelLoadException {
        Sketch s = dog().sample(SamplingRequest.builder(7).temperature(1.0).maxSteps(20).build());
        assertTrue(s.size() <= 20);
    }

    @Test
    void aSingleClassModelRefusesOtherClasses() throws ModelLoadException {
        SketchModel model = dog();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.sample(SamplingRequest.of("cat", 0.4, 1)));
        assertTrue(e.getMessage().contains("cat"));
        assertThrows(IllegalArgumentException.class, () -> SamplingRequest.of("dog", -0.1, 1));
    }

    @Test
    void completionContinuesThePrefixDeterministically() throws ModelLoadException {
        SketchModel model = dog();
        Sketch prefix = model.sample(SamplingRequest.builder(3).maxSteps(15).build());
        Sketch rest = model.complete(prefix, SamplingRequest.of(null, 0.4, 5));
        assertEquals(rest, model.complete(prefix, SamplingRequest.of(null, 0.4, 5)));
        assertTrue(prefix.size() + rest.size() <= model.info().maxSteps());
    }

    @Test
    void brokenCheckpointsAreRefusedWithAReason() throws Exception {
        SketchRnnEngine engine = TestEngines.VECTOR;
        Path garbage = Files.writeString(temp.resolve("garbage.gen.json"), "not json");
        Path truncated = Files.writeString(temp.resolve("short.gen.json"),
                "[{\"name\":\"x\",\"max_seq_len\":10,\"scale_factor\":1.0},[[512,123],[123],[5,2048],[512,2048],[2048]],[\"AAAA\",\"AA\",\"AA\",\"AA\",\"AA\"]]");
        assertTrue(assertThrows(ModelLoadException.class, () -> engine.load(garbage)).getMessage().contains("not a readable"));
        assertTrue(assertThrows(ModelLoadException.class, () -> engine.load(truncated)).getMessage().contains("inconsistent"));
        assertTrue(assertThrows(ModelLoadException.class, () -> engine.load(temp.resolve("none.gen.json"))).getMessage().contains("no such file"));
    }
}
