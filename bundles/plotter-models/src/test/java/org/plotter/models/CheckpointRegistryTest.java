package org.plotter.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelEntry;
import org.plotter.api.model.ModelLoadException;
import org.plotter.model.rnn.SketchRnnEngine;

/** The registry with the real Sketch-RNN engine, real magenta checkpoints and real odd files on the model path. */
class CheckpointRegistryTest {
    @TempDir
    Path dir;
    private Path dog;
    private final CheckpointRegistry registry = new CheckpointRegistry();
    private final SketchRnnEngine engine = new SketchRnnEngine();

    @BeforeEach
    void setUp() {
        dog = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "models/magenta/dog.gen.json");
        if (!Files.exists(dog)) {
            System.err.println("SKIPPED: " + dog + " is absent");
        }
        assumeTrue(Files.exists(dog), "shared model " + dog + " is absent");
        registry.addEngine(engine);
    }

    @Test
    void aTruncatedCheckpointNeverShadowsAGoodOne() throws Exception {
        Path broken = Files.createDirectory(dir.resolve("first"));
        byte[] bytes = Files.readAllBytes(dog);
        Files.write(broken.resolve("dog.gen.json"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        registry.setModelPath(List.of(broken, dog.getParent()));

        assertEquals(dog.toString(), registry.loadForClass("dog").info().source(), "the good dog further down the path");
        ModelEntry truncated = registry.catalog().get(0);
        assertEquals(broken.resolve("dog.gen.json"), truncated.file());
        assertFalse(truncated.usable(), "listed as unusable once it failed to load");
        assertTrue(truncated.problem().orElseThrow().contains("not a readable"), truncated.problem().orElseThrow());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void fifosDirectoriesAndLinkLoopsAreNamedForWhatTheyAre() throws Exception {
        Path fifo = dir.resolve("cat.gen.json");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is needed");
        Path directory = Files.createDirectory(dir.resolve("bird.gen.json"));
        Path loop = dir.resolve("loop.gen.json");
        Files.createSymbolicLink(loop, loop.getFileName());
        Files.copy(dog, dir.resolve("dog.gen.json"));
        registry.setModelPath(List.of(dir));

        List<ModelEntry> catalog = registry.catalog(); // must not block on the FIFO
        assertEquals(1, catalog.size(), catalog.toString());
        assertEquals("dog", registry.loadForClass("dog").info().name());
        assertProblem(fifo, "is not a regular file");
        assertProblem(directory, "is a directory");
        assertProblem(loop, "is a symbolic link loop");
        assertProblem(dir.resolve("missing.gen.json"), "does not exist");
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> registry.loadForClass("cat"));
        assertTrue(none.getMessage().contains("draws 'cat'"), none.getMessage());
    }

    @Test
    void enginesComeAndGo() throws IOException {
        Files.copy(dog, dir.resolve("dog.gen.json"));
        registry.setModelPath(List.of(dir));
        assertEquals(List.of("sketch-rnn"), registry.engines());
        assertEquals(1, registry.catalog().size());
        registry.removeEngine(engine);
        assertEquals(List.of(), registry.engines());
        assertEquals(List.of(), registry.catalog(), "no engine, no checkpoints it could read");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> registry.load(dir.resolve("dog.gen.json")));
        assertTrue(e.getMessage().contains("no installed engine"), e.getMessage());
    }

    private void assertProblem(Path file, String expected) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> registry.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
