package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes, one-line errors, and no files left by failed commands. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlotterCliTest {
    @TempDir
    Path out;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void privateConfig() {
        TestHome.config();
    }

    static Run plotter(String... args) {
        return plotterWithInput("", args);
    }

    static Run plotterWithInput(String input, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = PlotterMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true), new BufferedReader(new StringReader(input)));
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
        assertTrue(help.out().contains("draw") && help.out().contains("models") && help.out().contains("shell")
                && help.out().contains("Exit codes"), help.out());
        Run drawHelp = plotter("draw", "--help");
        assertTrue(drawHelp.out().contains("--temperature") && drawHelp.out().contains("sim:") && drawHelp.out().contains("1h30m"), drawHelp.out());
        assertEquals(0, plotter("--version").exit());
    }

    @Test
    void badUsageIsExitCodeTwoWithOneLine() {
        Run run = plotter("draw", "--no-such-option");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("plotter: Unknown option"), run.err());
    }

    @Test
    void badInputIsOneClearLineExitTwoAndNoFiles() throws Exception {
        Path model = dogModel();
        Path corrupt = Files.writeString(out.resolve("broken.gen.json"), "[{\"name\": \"x\"}, [[1]], [\"!!\"");
        Path directory = Files.createDirectory(out.resolve("folder.gen.json"));
        Path fifo = out.resolve("pipe.gen.json");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is needed");
        Path loop = out.resolve("loop.gen.json");
        Files.createSymbolicLink(loop, loop.getFileName());
        Path aFile = Files.writeString(out.resolve("a-file"), "not a directory");
        Path marlin = Files.writeString(out.resolve("marlin.properties"), String.join("\n", "protocol=hpgl", "rx.buffer.bytes=64",
                "work.width=300", "work.height=300", "pen.up=M280 P0 S90", "pen.down=M280 P0 S30", "pen.delay.ms=150",
                "feed.draw=3000", "feed.travel=6000"));
        Path results = out.resolve("results");
        String m = model.toString(), r = results.toString();
        String[][] cases = {
            {"does not exist", "draw", "--model", out.resolve("missing.gen.json").toString(), "--out", r},
            {"not a readable", "draw", "--model", corrupt.toString(), "--out", r},
            {"is a directory", "draw", "--model", directory.toString(), "--out", r},
            {"is not a regular file", "draw", "--model", fifo.toString(), "--out", r},
            {"symbolic link loop", "draw", "--model", loop.toString(), "--out", r},
            {"draws only [dog], not 'cat'", "draw", "--model", m, "--class", "cat", "--out", r},
            {"--temperature must be a positive number", "draw", "--model", m, "--temperature", "-0.5", "--out", r},
            {"does not fit the work area", "draw", "--model", m, "--page", "A3", "--out", r},
            {"margin must be zero or more", "draw", "--model", m, "--margin", "-10", "--out", r},
            {"unknown firmware profile 'no-such-machine'", "draw", "--model", m, "--profile", "no-such-machine", "--out", r},
            {"no installed driver speaks protocol 'hpgl' (installed: grbl, marlin)", "draw", "--model", m, "--profile", marlin.toString(), "--out", r},
            {"is not a duration", "draw", "--model", m, "--timeout", "30x", "--out", r},
            {"must be longer than zero", "draw", "--model", m, "--timeout", "PT0S", "--out", r},
            {"sim:speed needs a finite number", "draw", "--model", m, "--port", "sim:speed=NaN", "--out", r},
            {"unknown simulator option", "draw", "--model", m, "--port", "sim:bogus=1", "--out", r},
            {"no installed driver accepts port 'foo:'", "draw", "--model", m, "--port", "foo:", "--out", r},
            {"exists and is not a directory", "draw", "--model", m, "--out", aFile.toString()},
            {"File name too long", "draw", "--model", m, "--name", "x".repeat(300), "--out", r},
            {"--name must be a plain, visible file name", "draw", "--model", m, "--name", ".hidden", "--out", r},
            {"--temperature must be a positive number", "sample", "--model", m, "--temperature", "0", "--out", r},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            long started = System.nanoTime();
            Run run = plotter(args);
            assertEquals(2, run.exit(), String.join(" ", args) + " -> " + run.err());
            assertEquals(1, run.err().lines().count(), "one line: " + run.err());
            assertTrue(run.err().startsWith("plotter: ") && run.err().contains(c[0]), "expected '" + c[0] + "' in: " + run.err());
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused at once: " + String.join(" ", args));
        }
        assertEquals(0, filesIn(results), "no partial output, and no empty directory");
        assertFalse(Files.exists(results), "the output directory is not left behind empty");
    }

    @Test
    void badSketchFilesNeverReachGcode() throws IOException {
        String[][] cases = {
            {"[[1e300, 0, 0], [1, 1, 0], [1, -1, 1]]", "too large"},
            {"[[1, 0, 0], [1, 1, 7], [1, -1, 1]]", "lift must be 0"},
            {"[[1, 0, 0],\n [1, 1 0]]", "line 2"},
        };
        for (String[] c : cases) {
            Path sketch = Files.writeString(out.resolve("bad.json"), "{\"format\": \"stroke-3\", \"points\": " + c[0] + "}");
            Run run = plotter("gcode", sketch.toString(), "--out", out.resolve("g").toString());
            assertEquals(2, run.exit(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains(c[1]), run.err());
            assertFalse(Files.exists(out.resolve("g/bad.gcode")));
        }
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
    void aFailedPlotKeepsWhatWasSentAndWhyItStopped() throws IOException {
        // a pen-down command GRBL rejects: the machine stops the job at the first stroke
        Path profile = Files.writeString(out.resolve("broken-pen.properties"), Files.readString(TestHome.HOME.resolve("firmware-profiles/grbl-servo.properties"))
                .replace("pen.down=M3 S30", "pen.down=M3 S30;M7"));
        Path results = out.resolve("results");
        Run run = plotter("draw", "--model", dogModel().toString(), "--seed", "5", "--profile", profile.toString(), "--out", results.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("error:20") && run.err().contains("machine left stopped, planner cleared, pen up"), run.err());
        String log = Files.readString(results.resolve("dog-5.log"));
        assertTrue(log.contains("outcome: failed") && log.contains("'M7'") && log.contains("machine left: stopped, planner cleared, pen up"), log);
        assertTrue(Files.exists(results.resolve("dog-5.gcode")) && Files.exists(results.resolve("dog-5.png")));
        assertEquals(4, filesIn(results), "svg, gcode, png and log; no temporary files");
    }

    @Test
    void sampleDrawsThePageInMillimetres() throws IOException {
        Path model = dogModel();
        assertEquals(0, plotter("sample", "--model", model.toString(), "--seed", "9", "--out", out.toString(), "--name", "a").exit());
        String svg = Files.readString(out.resolve("a.svg"));
        assertTrue(svg.contains("width=\"210.00mm\"") && svg.contains("height=\"297.00mm\""), svg.substring(0, Math.min(300, svg.length())));
    }

    @Test
    void namesFromAModelHeaderAreSafeFileNames() throws IOException {
        String dog = Files.readString(dogModel());
        Path odd = Files.writeString(out.resolve("odd.gen.json"), dog.replace("\"name\":\"dog\"", "\"name\":\"../.evil\\nname\""));
        Run run = plotter("sample", "--model", odd.toString(), "--seed", "3", "--out", out.resolve("s").toString());
        assertEquals(0, run.exit(), run.err());
        try (Stream<Path> files = Files.list(out.resolve("s"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertTrue(name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), name);
            }
        }
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
        assertTrue(models.out().contains("engines: sketch-rnn"), models.out());
        Run bundles = plotter("bundles");
        assertEquals(0, bundles.exit(), bundles.err());
        assertTrue(bundles.out().contains("plotter-gcode") && bundles.out().contains("ACTIVE"), bundles.out());
    }

    @Test
    void anySvgIn() throws IOException {
        Path svg = Files.writeString(out.resolve("square.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='210mm' height='297mm'"
                + " viewBox='0 0 210 297'><g transform='translate(50,50)'><rect width='100' height='100' fill='none'/>"
                + "<circle cx='50' cy='50' r='20'/></g></svg>");
        Run gcode = plotter("gcode", svg.toString(), "--scale", "1", "--out", out.toString());
        assertEquals(0, gcode.exit(), gcode.err());
        // a 100 mm square and a circle of 20 mm radius, at their own size
        double expected = 400 + 2 * Math.PI * 20;
        java.util.regex.Matcher drawn = java.util.regex.Pattern.compile("drawing (\\d+) mm").matcher(gcode.out());
        assertTrue(drawn.find(), gcode.out());
        assertEquals(expected, Double.parseDouble(drawn.group(1)), 1.0, gcode.out());
        assertTrue(Files.readString(out.resolve("square.gcode")).contains("X50.000 Y247.000"), "the square's corner at (50, 50) from the top-left");

        Run plot = plotter("plot", svg.toString(), "--out", out.resolve("plotted").toString());
        assertEquals(0, plot.exit(), plot.err());
        for (String ext : new String[] {"svg", "gcode", "png"}) {
            assertTrue(Files.exists(out.resolve("plotted/square." + ext)), ext);
        }

        Path broken = Files.writeString(out.resolve("broken.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0 L10'/></svg>");
        Run bad = plotter("plot", broken.toString(), "--out", out.resolve("none").toString());
        assertEquals(2, bad.exit(), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("broken.svg") && bad.err().contains("path"), bad.err());
        Run offPage = plotter("gcode", svg.toString(), "--scale", "3", "--out", out.toString());
        assertEquals(2, offPage.exit(), offPage.err());
        assertTrue(offPage.err().contains("leaves the 210 x 297 mm page"), offPage.err());
        Run unknown = plotter("gcode", Files.writeString(out.resolve("x.dxf"), "0").toString(), "--out", out.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("use a sketch (.json), an SVG drawing (.svg) or a Quick, Draw! file (.ndjson)"), unknown.err());
    }

    /** Two colours as two pens: the plot pauses between them, pen up, until the operator answers. */
    @Test
    void layersPauseForThePenChangeUntilTheOperatorAnswers() throws IOException {
        Path svg = Files.writeString(out.resolve("two.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='100mm' height='100mm'"
                + " viewBox='0 0 100 100'><line x1='10' y1='10' x2='90' y2='10' stroke='red'/><line x1='10' y1='90' x2='90' y2='90' stroke='blue'/></svg>");
        Run answered = plotterWithInput("\n", "plot", svg.toString(), "--layers", "colour", "--preview", "--out", out.resolve("answered").toString());
        assertEquals(0, answered.exit(), answered.err());
        assertTrue(answered.err().contains(", 1 pause for the operator"), "said before the machine moves: " + answered.err());
        assertTrue(answered.err().contains(": pen for layer 2 of 2 blue. The pen is up. Press Enter to continue"), answered.err());
        String gcode = Files.readString(out.resolve("answered/two.gcode"));
        assertTrue(gcode.contains("\nG0 X0.000 Y0.000\nM0 ; pen for layer 2 of 2 blue\n"), "parked at the origin, then the pause: " + gcode);
        assertTrue(Files.exists(out.resolve("answered/two.preview.png")));

        Run unanswered = plotter("plot", svg.toString(), "--layers", "colour", "--out", out.resolve("unanswered").toString());
        assertEquals(1, unanswered.exit(), unanswered.err());
        assertTrue(unanswered.err().contains("nobody to answer (end of input): stopping the plot safely"), unanswered.err());
        assertTrue(unanswered.err().contains("plot cancelled") && unanswered.err().contains("machine left stopped, planner cleared, pen up"), unanswered.err());
        assertTrue(Files.exists(out.resolve("unanswered/two.log")));

        Run bad = plotter("plot", svg.toString(), "--layers", "rainbow", "--out", out.resolve("bad").toString());
        assertEquals(2, bad.exit(), bad.err());
        Run negative = plotter("gcode", svg.toString(), "--pen-change-every", "-3", "--out", out.resolve("bad").toString());
        assertEquals(2, negative.exit(), negative.err());
        assertTrue(negative.err().contains("--pen-change-every takes a distance in mm"), negative.err());
    }

    /** Quick, Draw! lines are drawings too: the file's first drawing, fitted to the page. */
    @Test
    void plotsAQuickDrawFile() throws IOException {
        Path cats = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "data/quickdraw-sample/data/cat.ndjson");
        if (!Files.exists(cats)) {
            System.err.println("SKIPPED: " + cats + " is absent");
        }
        Assumptions.assumeTrue(Files.exists(cats), "shared data absent");
        Run plot = plotter("plot", cats.toString(), "--out", out.toString());
        assertEquals(0, plot.exit(), plot.err());
        assertTrue(plot.out().startsWith("cat: ") && strokes(plot.out()) > 0, plot.out());
        Path broken = Files.writeString(out.resolve("broken.ndjson"), "{\"word\": \"cat\", \"drawing\": [[[1, 2], [3]]]}\n");
        Run bad = plotter("gcode", broken.toString(), "--out", out.toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("line 1: stroke 0 is not [[x…], [y…]] of equal, non-zero length"), bad.err());
    }

    @Test
    void aGridDrawsSeveralSketchesOnOneSheet() {
        Run grid = plotter("draw", "--model", dogModel().toString(), "--seed", "5", "--grid", "2x2", "--out", out.toString());
        assertEquals(0, grid.exit(), grid.err());
        Run one = plotter("draw", "--model", dogModel().toString(), "--seed", "5", "--out", out.resolve("one").toString());
        assertTrue(strokes(grid.out()) > strokes(one.out()), grid.out() + " vs " + one.out());
        for (String[] bad : new String[][] {{"--grid", "2by2"}, {"--grid", "0x3"}, {"--grid", "30x30"}, {"--grid", "2x2", "--scale", "1"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("draw", "--model", dogModel().toString(), "--out", out.resolve("bad").toString()));
            args.addAll(java.util.List.of(bad));
            Run run = plotter(args.toArray(new String[0]));
            assertEquals(2, run.exit(), String.join(" ", bad) + ": " + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    private static int strokes(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (\\d+) strokes?").matcher(summary);
        assertTrue(m.find(), summary);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void thePreviewShowsThePageOnTheBedAndTheOrigin() throws IOException {
        Path svg = Files.writeString(out.resolve("line.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='148mm' height='210mm'"
                + " viewBox='0 0 148 210'><line x1='20' y1='100' x2='128' y2='100'/></svg>");
        Run run = plotter("gcode", svg.toString(), "--page", "A5", "--preview", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve("line.preview.png").toFile());
        // the grbl-servo bed is 300 x 300 mm; the A5 page lies in its bottom-left corner, origin there
        assertEquals(png.getWidth(), png.getHeight(), "the whole square bed");
        double pxPerMm = png.getWidth() / 300.0;
        int inkY = (int) Math.round((300 - 105) * pxPerMm); // fitted: centred on the A5 page, 105 mm from its bottom
        assertTrue(dark(png.getRGB((int) Math.round(74 * pxPerMm), inkY)), "the line, in ink, on the page at the bottom-left");
        assertTrue(faint(png.getRGB((int) Math.round(148 * pxPerMm), (int) Math.round(250 * pxPerMm))), "the page's right edge");
        assertTrue(faint(png.getRGB((int) Math.round(10 * pxPerMm), png.getHeight() - 1)), "the X axis from the origin");
    }

    private static boolean dark(int rgb) {
        return (rgb & 0xff) < 0x60 && ((rgb >> 8) & 0xff) < 0x60;
    }

    private static boolean faint(int rgb) {
        return (rgb & 0xffffff) != 0xffffff && !dark(rgb);
    }

    @Test
    void profilesAreListedAndShown() {
        Run list = plotter("profiles", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("marlin-servo") && list.out().contains("Marlin, servo pen"), list.out());
        Run show = plotter("profiles", "show", "grbl-servo");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("origin bottom-left") && show.out().contains("acceleration 500"), show.out());
        // a user's own profile in CONFIG/firmware-profiles/ is offered, and replaces an installed one of the same name
        Path userProfiles = TestHome.config().resolve("firmware-profiles");
        try {
            Files.createDirectories(userProfiles);
            Files.writeString(userProfiles.resolve("grbl-z.properties"), Files.readString(TestHome.HOME.resolve("firmware-profiles/grbl-z.properties"))
                    .replace("description=GRBL 1.1, pen on the Z axis", "description=my own Z machine"));
            Files.copy(TestHome.HOME.resolve("firmware-profiles/generic.properties"), userProfiles.resolve("my-plotter.properties"));
            Run mine = plotter("profiles", "list");
            assertTrue(mine.out().contains("my-plotter") && mine.out().contains("my own Z machine"), mine.out());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try (Stream<Path> files = Files.list(userProfiles)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
                Files.delete(userProfiles);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Run unknown = plotter("profiles", "show", "no-such");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown firmware profile 'no-such'"), unknown.err());
    }

    @Test
    void theShellRunsManyCommandsInOneRuntime() {
        Run shell = plotterWithInput("models list\n\nbundles\ndraw --no-such-option\nexit\nbundles\n", "shell");
        assertEquals(0, shell.exit(), shell.err());
        assertTrue(shell.out().contains("engines: sketch-rnn"), shell.out());
        assertEquals(1, shell.out().split("org.apache.felix.scr").length - 1, "bundles ran once, and nothing after exit: " + shell.out());
        assertTrue(shell.err().contains("Unknown option"), "a bad command is reported and the shell goes on: " + shell.err());
    }

    @Test
    void shellWordsKeepQuotedSpaces() {
        assertEquals(java.util.List.of("draw", "--class", "palm tree", "-t", "0.5"), ShellCommand.words("draw --class 'palm tree'  -t 0.5"));
        assertEquals(java.util.List.of("a", ""), ShellCommand.words("a \"\""));
    }
}
