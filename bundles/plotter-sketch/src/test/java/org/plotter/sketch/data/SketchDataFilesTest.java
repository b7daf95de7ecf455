package org.plotter.sketch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

class SketchDataFilesTest {
    static final Path CATS = QuickDrawSimplificationTest.SHARED.resolve("quickdraw-sample/data/cat.ndjson");

    @TempDir
    Path dir;

    @Test
    void quickDrawFilesAreSplitTenOneOne() throws IOException {
        NpzSketchFileTest.assumeShared(CATS);
        SketchDataSet cats = SketchDataFiles.read(CATS);
        assertEquals("cat", cats.sketchClass());
        assertEquals(List.of(21, 2, 2), List.of(cats.train().size(), cats.valid().size(), cats.test().size()));
    }

    @Test
    void theBinaryFormatHoldsTheSameDrawings() throws IOException {
        NpzSketchFileTest.assumeShared(CATS);
        List<QuickDrawing> cats = QuickDrawFile.readSimplified(CATS);
        Path bin = Files.write(dir.resolve("cat.bin"), binary(cats));
        List<QuickDrawing> again = QuickDrawBinaryFile.read(bin, "cat");
        assertEquals(cats.size(), again.size());
        for (int i = 0; i < cats.size(); i++) {
            assertEquals(cats.get(i).keyId(), again.get(i).keyId());
            assertEquals(cats.get(i).recognized(), again.get(i).recognized());
            assertEquals(cats.get(i).strokes(), again.get(i).strokes());
        }
        assertEquals(SketchDataFiles.read(CATS).train(), SketchDataFiles.read(bin).train());

        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(Files.readAllBytes(bin), 1000));
        IOException e = assertThrows(IOException.class, () -> SketchDataFiles.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": drawing ") && e.getMessage().endsWith(" is truncated"), e.getMessage());
    }

    @Test
    void badFilesAreOneSentenceEach() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals(text + ": unknown data format (expected .npz, .ndjson or .bin)",
                assertThrows(IOException.class, () -> SketchDataFiles.read(text)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty.ndjson"), "\n");
        assertEquals(empty + ": holds no drawings", assertThrows(IOException.class, () -> SketchDataFiles.read(empty)).getMessage());
        Path few = Files.writeString(dir.resolve("few.ndjson"), "{\"word\":\"x\",\"drawing\":[[[1,2],[3,4]]]}\n".repeat(3));
        assertTrue(assertThrows(IOException.class, () -> SketchDataFiles.read(few)).getMessage().contains("too few to split"));
        Path missing = dir.resolve("missing.ndjson");
        assertEquals(missing + ": no such file", assertThrows(IOException.class, () -> SketchDataFiles.read(missing)).getMessage());
    }

    /** Quick, Draw!'s .bin layout, written here from its description. */
    private static byte[] binary(List<QuickDrawing> drawings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (QuickDrawing d : drawings) {
            ByteBuffer head = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(Long.parseUnsignedLong(d.keyId())).put((byte) 'V').put((byte) 'E').put((byte) (d.recognized() ? 1 : 0))
                    .putInt(1_488_497_110).putShort((short) d.strokes().size());
            out.writeBytes(head.array());
            for (Polyline stroke : d.strokes()) {
                List<Point> points = stroke.points();
                out.write(points.size() & 0xff);
                out.write(points.size() >> 8);
                points.forEach(p -> out.write((int) p.x()));
                points.forEach(p -> out.write((int) p.y()));
            }
        }
        return out.toByteArray();
    }
}
