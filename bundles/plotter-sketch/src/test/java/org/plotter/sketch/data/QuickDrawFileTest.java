package org.plotter.sketch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.sketch.Point;
import org.plotter.sketch.geometry.Strokes;

class QuickDrawFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSharedSampleAndRoundTripsThroughStroke3() throws IOException {
        Path cats = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "data/quickdraw-sample/data/cat.ndjson");
        if (!Files.exists(cats)) {
            System.err.println("SKIPPED: " + cats + " is absent");
        }
        assumeTrue(Files.exists(cats));
        List<QuickDrawing> drawings = QuickDrawFile.readSimplified(cats);
        assertEquals(25, drawings.size());
        QuickDrawing first = drawings.get(0);
        assertEquals("cat", first.word());
        // stroke-3 and back: the same absolute strokes (single-point strokes draw nothing and drop out)
        var again = Strokes.of(first.toSketch());
        var multiPoint = first.strokes().stream().filter(s -> s.points().size() > 1).toList();
        assertEquals(multiPoint.size(), again.size());
        for (int s = 0; s < again.size(); s++) {
            List<Point> expected = multiPoint.get(s).points(), actual = again.get(s).points();
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).x(), actual.get(i).x(), 1e-3);
                assertEquals(expected.get(i).y(), actual.get(i).y(), 1e-3);
            }
        }
    }

    @Test
    void aBrokenLineIsNamedWithItsFileAndNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.ndjson"),
                "{\"word\":\"x\",\"drawing\":[[[1,2],[3,4]]]}\n{\"word\":\"x\",\"drawing\":[[[1,2],[3]]]}\n");
        IOException e = assertThrows(IOException.class, () -> QuickDrawFile.readSimplified(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("stroke 0"), e.getMessage());
    }
}
