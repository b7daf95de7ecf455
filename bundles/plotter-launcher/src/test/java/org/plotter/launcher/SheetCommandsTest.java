package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample --n/--gif and complete --prefix on a magenta decoder, through the real framework. */
class SheetCommandsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void privateConfig() {
        TestHome.config();
    }

    @Test
    void aGridOfSamplesWithItsAnimation() throws Exception {
        String model = PlotterCliTest.dogModel().toString();
        PlotterCliTest.Run run = PlotterCliTest.plotter("sample", "--model", model, "--n", "4", "--gif", "--seed", "3", "--out", dir.toString());
        assertEquals(0, run.exit(), run.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("dog-3.gif", "dog-3.png", "dog-3.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(4, run.out().lines().filter(l -> l.startsWith("dog-3 #")).count(), run.out());
        PlotterCliTest.Run both = PlotterCliTest.plotter("sample", "--model", model, "--n", "4", "--grid", "2x2", "--out", dir.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--n and --grid"), both.err());
    }

    @Test
    void aCompletionKeepsThePrefixAsItWas() throws Exception {
        String model = PlotterCliTest.dogModel().toString();
        PlotterCliTest.Run first = PlotterCliTest.plotter("sample", "--model", model, "--seed", "8", "--out", dir.toString());
        assertEquals(0, first.exit(), first.err());
        // the first third of that dog: a drawing left unfinished
        float[][] whole = read(dir.resolve("dog-8.json"));
        StringBuilder json = new StringBuilder("{\"format\":\"stroke-3\",\"points\":[");
        for (int i = 0; i < whole.length / 3; i++) {
            json.append(i == 0 ? "" : ",").append('[').append(whole[i][0]).append(',').append(whole[i][1]).append(',').append((int) whole[i][2]).append(']');
        }
        Path prefix = Files.writeString(dir.resolve("begun.json"), json.append("]}").toString());
        PlotterCliTest.Run run = PlotterCliTest.plotter("complete", "--model", model, "--prefix", prefix.toString(), "--seed", "2",
                "--name", "more", "--out", dir.toString());
        assertEquals(0, run.exit(), run.err());
        float[][] begun = read(prefix), completed = read(dir.resolve("more.json"));
        assertTrue(completed.length > begun.length, "something was added");
        for (int i = 0; i < begun.length; i++) {
            assertArrayEquals(begun[i], completed[i], 1e-4f, "prefix point " + i);
        }
        PlotterCliTest.Run missing = PlotterCliTest.plotter("complete", "--model", model, "--prefix", dir.resolve("none.json").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    /** The stroke-3 rows of a sketch file written by 'plotter sample'. */
    private static float[][] read(Path json) throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("points");
        float[][] rows = new float[node.size()][3];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < 3; k++) {
                rows[i][k] = (float) node.get(i).get(k).asDouble();
            }
        }
        return rows;
    }
}
