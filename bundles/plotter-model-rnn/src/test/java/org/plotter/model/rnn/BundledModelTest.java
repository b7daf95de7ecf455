package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;

/**
 * The model the repository ships ({@code models/default}, trained by this project's code): it loads
 * through the engine (which recomputes the trainer's trace), draws cat and the 26 classes of the magenta
 * decoders it learnt from, and its sketches end before its longest sequence.
 */
class BundledModelTest {
    static final Path MODEL = Path.of("../../models/default");
    static final List<String> CLASSES = List.of("ambulance", "antyoga", "bear", "bicycle", "bird", "bulldozer", "calendar", "cat",
            "diving_board", "dog", "dolphin", "key", "lantern", "lobster", "monkey", "mosquito", "palm_tree", "parrot", "pool", "rabbit",
            "rain", "rhinoceros", "roller_coaster", "sheep", "toothbrush", "toothpaste", "trombone");

    @Test
    void drawsACatAndEveryTeachersClass() throws Exception {
        SketchRnnEngine engine = SketchRnnEngine.standalone(SketchRnnEngine.KernelChoice.SCALAR);
        try {
            assertTrue(engine.canLoad(MODEL), MODEL.toAbsolutePath() + " is the bundled checkpoint");
            SketchModel model = engine.load(MODEL);
            assertEquals(CLASSES, model.info().classes());
            for (String c : CLASSES) {
                int ended = 0;
                for (long seed = 0; seed < 4; seed++) {
                    Sketch s = model.sample(SamplingRequest.of(c, 0.4, seed));
                    ended += s.size() > 0 && s.size() < model.info().maxSteps() ? 1 : 0;
                }
                assertTrue(ended >= 2, c + ": at least half the sketches end on their own, got " + ended + " of 4");
            }
        } finally {
            engine.deactivate();
        }
    }

    /** The Vector API kernels recompute the trainer's trace too (loading checks it). */
    @Test
    void theVectorKernelsAgreeWithTheTrainer() throws Exception {
        assertEquals(CLASSES, TestEngines.VECTOR.load(MODEL).info().classes());
    }
}
