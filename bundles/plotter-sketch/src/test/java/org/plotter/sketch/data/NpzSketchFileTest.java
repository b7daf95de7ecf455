package org.plotter.sketch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzSketchFileTest {
    static final Path SHEEP = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "data/sketch-rnn/aaron_sheep.npz");

    @TempDir
    Path dir;

    static void assumeShared(Path file) {
        if (!Files.exists(file)) {
            System.err.println("SKIPPED: " + file + " is absent");
        }
        assumeTrue(Files.exists(file));
    }

    @Test
    void readsAaronSheepsSplits() throws IOException {
        assumeShared(SHEEP);
        SketchDataSet sheep = NpzSketchFile.read(SHEEP);
        assertEquals("aaron_sheep", sheep.sketchClass());
        assertEquals(7400, sheep.train().size());
        assertEquals(300, sheep.valid().size());
        assertEquals(300, sheep.test().size());
        // the first validation sheep, as numpy prints it: 98 points starting (-8, -2, 0), (-12, 0, 0), (-7, 3, 0)
        var first = sheep.valid().get(0);
        assertEquals(98, first.size());
        assertArrayEquals(new float[] {-8, -2, 0}, first.toStroke3()[0]);
        assertArrayEquals(new float[] {-12, 0, 0}, first.toStroke3()[1]);
        assertArrayEquals(new float[] {-7, 3, 0}, first.toStroke3()[2]);
    }

    @Test
    void aTruncatedFileIsNamedAsSuch() throws IOException {
        assumeShared(SHEEP);
        byte[] whole = Files.readAllBytes(SHEEP);
        Path cut = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(whole, whole.length / 2));
        IOException e = assertThrows(IOException.class, () -> NpzSketchFile.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void aNumericArrayIsTheWrongDtype() throws IOException {
        Path file = npz(Map.of("train.npy", npy("<f4", new byte[12]), "valid.npy", npy("<f4", new byte[12]), "test.npy", npy("<f4", new byte[12])));
        IOException e = assertThrows(IOException.class, () -> NpzSketchFile.read(file));
        assertTrue(e.getMessage().contains("wrong dtype <f4"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingSplitIsRefused() throws IOException {
        assumeShared(SHEEP);
        byte[] valid;
        try (ZipFile zip = new ZipFile(SHEEP.toFile())) {
            valid = zip.getInputStream(zip.getEntry("valid.npy")).readAllBytes();
        }
        // the same object array with its list of sketches emptied: EMPTY_LIST, its memo, then TUPLE, BUILD, STOP
        int list = indexOf(valid, new byte[] {(byte) 0x89, ']', 'q', 6});
        byte[] empty = Arrays.copyOf(valid, list + 4 + 3);
        System.arraycopy(new byte[] {'t', 'b', '.'}, 0, empty, list + 4, 3);
        Map<String, byte[]> entries = new LinkedHashMap<>(Map.of("train.npy", valid, "valid.npy", valid, "test.npy", empty));
        IOException e = assertThrows(IOException.class, () -> NpzSketchFile.read(npz(entries)));
        assertTrue(e.getMessage().contains("test split is empty"), e.getMessage());

        entries.remove("test.npy");
        e = assertThrows(IOException.class, () -> NpzSketchFile.read(npz(entries)));
        assertTrue(e.getMessage().contains("has no test.npy"), e.getMessage());
    }

    @Test
    void aMissingFileIsOneSentence() {
        IOException e = assertThrows(IOException.class, () -> NpzSketchFile.read(dir.resolve("none.npz")));
        assertEquals(dir.resolve("none.npz") + ": no such file", e.getMessage());
    }

    private Path npz(Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile(dir, "data", ".npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] npy(String descr, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (3,), }\n";
        byte[] header = dict.getBytes(StandardCharsets.ISO_8859_1);
        byte[] npy = new byte[10 + header.length + data.length];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0}, 0, npy, 0, 10);
        System.arraycopy(header, 0, npy, 10, header.length);
        System.arraycopy(data, 0, npy, 10 + header.length, data.length);
        return npy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
