package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes, one-line errors, and no files left by failed commands. */
class PlotterCliTest {
    @TempDir
    Path out;

    record Run(int exit, String out, String err) {}

    static Run plotter(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = PlotterMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static Path dogModel() {
        Path model = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "models/magenta/dog.gen.json");
        if (!Files.exists(model)) {
            System.err.println("SKIPPED: " + model + " is absent");
        }
        Assumptions.assumeTrue(Files.exists(model), "shared model " + model + " is absent");
        return model;
    }

    private long filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = plotter("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("draw") && help.out().contains("models") && help.out().contains("Exit codes"), help.out());
        Run drawHelp = plotter("draw", "--help");
        assertTrue(drawHelp.out().contains("--temperature") && drawHelp.out().contains("sim:"), drawHelp.out());
        assertEquals(0, plotter("--version").exit());
    }

    @Test
    void badUsageIsExitCodeTwoWithOneLine() {
        Run run = plotter("draw", "--no-such-option");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("plotter: Unknown option"), run.err());
    }

    @Test
    void badInputIsOneClearLineExitTwoAndNoFiles() throws IOException {
        Path model = dogModel();
        Path corrupt = Files.writeString(out.resolve("broken.gen.json"), "[{\"name\": \"x\"}, [[1]], [\"!!\"");
        Path results = out.resolve("results");
        String[][] cases = {
            {"draw", "--model", out.resolve("missing.gen.json").toString(), "--out", results.toString()},
            {"draw", "--model", corrupt.toString(), "--out", results.toString()},
            {"draw", "--model", model.toString(), "--class", "cat", "--out", results.toString()},
            {"draw", "--model", model.toString(), "--temperature", "-0.5", "--out", results.toString()},
            {"draw", "--model", model.toString(), "--page", "A3", "--out", results.toString()},
            {"draw", "--model", model.toString(), "--profile", "no-such-machine", "--out", results.toString()},
            {"sample", "--model", model.toString(), "--temperature", "0", "--out", results.toString()},
        };
        for (String[] args : cases) {
            Run run = plotter(args);
            assertEquals(2, run.exit(), String.join(" ", args) + " -> " + run.err());
            assertEquals(1, run.err().lines().count(), "one line: " + run.err());
            assertTrue(run.err().startsWith("plotter: "), run.err());
        }
        assertEquals(0, filesIn(results), "no partial output");
    }

    @Test
    void drawWritesTheSketchTheGcodeAndWhatThePenDrew() throws IOException {
        Run run = plotter("draw", "--model", dogModel().toString(), "--seed", "5", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("strokes") && run.out().contains("simulated"), run.out());
        for (String ext : new String[] {"svg", "gcode", "png"}) {
            assertTrue(Files.size(out.resolve("dog-5." + ext)) > 100, ext);
        }
        assertTrue(Files.readString(out.resolve("dog-5.svg")).contains("<path"));
        assertTrue(Files.readString(out.resolve("dog-5.gcode")).startsWith("G21 G90\n"));
        assertEquals(3, filesIn(out), "no temporary files left over");
    }

    @Test
    void sameSeedSameGcode() throws IOException {
        Path model = dogModel();
        assertEquals(0, plotter("sample", "--model", model.toString(), "--seed", "9", "--out", out.toString(), "--name", "a").exit());
        assertEquals(0, plotter("sample", "--model", model.toString(), "--seed", "9", "--out", out.toString(), "--name", "b").exit());
        assertEquals(Files.readString(out.resolve("a.json")), Files.readString(out.resolve("b.json")));
        Run gcode = plotter("gcode", out.resolve("a.json").toString(), "--profile", "grbl-z", "--out", out.toString());
        assertEquals(0, gcode.exit(), gcode.err());
        assertTrue(Files.readString(out.resolve("a.gcode")).contains("G1 Z-1"));
    }

    @Test
    void listsModelsAndBundles() {
        Run models = plotter("models", "list");
        assertEquals(0, models.exit(), models.err());
        assertTrue(models.out().contains("sketch-rnn"), models.out());
        Run bundles = plotter("bundles");
        assertEquals(0, bundles.exit(), bundles.err());
        assertTrue(bundles.out().contains("plotter-gcode") && bundles.out().contains("ACTIVE"), bundles.out());
    }
}
