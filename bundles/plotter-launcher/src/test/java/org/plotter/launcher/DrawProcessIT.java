package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The user's command, as a separate process through tools/plotter, on the distribution this build made. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DrawProcessIT {
    private static final Path HOME = Path.of(System.getProperty("plotter.home"));

    @TempDir
    Path work;

    @BeforeEach
    void distributionIsFresh() throws Exception {
        // This Maven run has just built the distribution; mark it fresh so the wrapper does not rebuild it.
        Files.write(HOME.resolve("bundles/plotter-launcher/target/dist/.built"), new byte[0]);
    }

    private ProcessBuilder plotter(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("tools/plotter").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        // a private copy of config/: no test may touch the repository's configuration files
        Path config = TestHome.copyConfig(Files.createDirectories(work.resolve("config-copy")));
        builder.environment().put("PLOTTER_JAVA_OPTS", "-Dplotter.config=" + config);
        return builder;
    }

    @Test
    void toolsPlotterDrawProducesTheThreeFiles() throws Exception {
        Path model = PlotterCliTest.dogModel().toAbsolutePath();
        Process process = plotter("draw", "--class", "dog", "--model", model.toString(), "--seed", "11", "--out", "drawings")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "plotter draw did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("dog-11:") && output.contains("wrote"), output);

        Path drawings = work.resolve("drawings");
        assertTrue(Files.readString(drawings.resolve("dog-11.gcode")).startsWith("G21 G90"));
        assertTrue(Files.readString(drawings.resolve("dog-11.svg")).startsWith("<svg"));
        BufferedImage png = ImageIO.read(drawings.resolve("dog-11.png").toFile());
        assertNotNull(png, "a readable PNG");
        int ink = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xffffff) < 0x404040) {
                    ink++;
                }
            }
        }
        assertTrue(ink > 1000, "the pen drew something dark: " + ink + " pixels");
    }

    /** The README's first command: the bundled model draws a cat, no path needed. */
    @Test
    void theReadmesCatCommandDrawsWithTheBundledModel() throws Exception {
        Process process = plotter("draw", "--class", "cat", "--seed", "4", "--out", "drawings").redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "plotter draw did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("cat-4:") && output.contains("wrote"), output);
        assertTrue(Files.readString(work.resolve("drawings/cat-4.gcode")).startsWith("G21 G90"));
    }

    /** SIGTERM mid-plot: the plot is cancelled, the pen lifted, a record kept, and the user told. */
    @Test
    void sigtermDuringAPlotStopsTheMachineAndKeepsARecord() throws Exception {
        Path model = PlotterCliTest.dogModel().toAbsolutePath();
        Process process = plotter("draw", "--model", model.toString(), "--seed", "11", "--port", "sim:speed=1", "--out", "drawings").start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String plan = err.readLine();
        assertTrue(plan != null && plan.matches(".* strokes?, drawing .*") && plan.contains("estimated"), "the plan, before the machine moves: " + plan);
        String first = err.readLine();
        assertTrue(first != null && first.startsWith("plotter: streaming to"), "streaming began: " + first);
        Thread.sleep(1500);
        // SIGTERM through the process handle: Process.destroy() would also close our end of its output
        assertTrue(process.toHandle().destroy());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "plotter did not stop");
        StringBuilder rest = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            rest.append(line).append('\n');
        }
        assertEquals(143, process.exitValue(), rest.toString());
        assertTrue(rest.toString().contains("interrupted: plot cancelled") && rest.toString().contains("pen up"), rest.toString());
        String log = Files.readString(work.resolve("drawings/dog-11.log"));
        assertTrue(log.contains("outcome: cancelled") && log.contains("machine left: stopped, planner cleared, pen up"), log);
        try (var files = Files.list(work.resolve("drawings"))) {
            assertEquals(4, files.count(), "svg, gcode, png, log and no temporary file");
        }
    }

    /**
     * At a terminal (a real pseudo-terminal from script(1)), Ctrl-C pauses the plot and asks: Enter resumes,
     * and after a second Ctrl-C "abort" stops it safely with the interrupted exit code and a record.
     */
    @Test
    void ctrlCAtATerminalPausesAndAsksThenResumesOrAborts() throws Exception {
        atATerminalCtrlCAsks(List.of(), "paused (Ctrl-C). Press Enter to resume");
    }

    /** With --pause-at-pen-up, Ctrl-C at a terminal lets the stroke finish and says so, then asks the same way. */
    @Test
    void ctrlCWithPauseAtPenUpWaitsForThePenLift() throws Exception {
        atATerminalCtrlCAsks(List.of("--pause-at-pen-up"), "pausing at the next pen lift (Ctrl-C again stops at once). Press Enter to resume");
    }

    private void atATerminalCtrlCAsks(List<String> options, String prompt) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is not installed");
        Path model = PlotterCliTest.dogModel().toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("draw", "--model", model.toString(), "--seed", "11", "--port", "sim:speed=1", "--out", "drawings"));
        args.addAll(options);
        ProcessBuilder inner = plotter(args.toArray(String[]::new));
        String command = String.join(" ", inner.command().stream().map(a -> "'" + a + "'").toList());
        // a build started in the background by a shell without job control runs with SIGINT ignored, and every
        // process below it would inherit that (the JVM then cannot take Ctrl-C): the plotter gets it back as a terminal would
        ProcessBuilder builder = new ProcessBuilder("script", "-qefc", "env --default-signal=INT " + command, "/dev/null").directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(inner.environment());
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread collector = new Thread(() -> {
            try {
                process.getInputStream().transferTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        output.append((char) b);
                    }
                });
            } catch (java.io.IOException e) {
                // ended
            }
        });
        collector.setDaemon(true);
        collector.start();
        awaitText(output, "plotting ["); // the progress bar: a terminal gets one
        ProcessHandle java = process.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElseThrow();
        interrupt(java);
        awaitText(output, prompt);
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
        Thread.sleep(1500);
        assertTrue(java.isAlive(), "resumed, still plotting: " + output);
        int asked = output.indexOf(prompt);
        interrupt(java);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (output.indexOf(prompt, asked + 1) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        process.getOutputStream().write("abort\n".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "plotter did not stop: " + output);
        collector.join(5000);
        assertEquals(130, process.exitValue(), output.toString());
        assertTrue(output.toString().contains("interrupted: plot cancelled") && output.toString().contains("pen up"), output.toString());
        assertTrue(Files.readString(work.resolve("drawings/dog-11.log")).contains("outcome: cancelled"));
    }

    /** Ctrl-C while training: a last checkpoint with every step taken, where it is said, and exit 130. */
    @Test
    void ctrlCDuringTrainingWritesALastCheckpoint() throws Exception {
        Path cats = TrainCliTest.sample("cat").toAbsolutePath();
        ProcessBuilder inner = plotter("train", "--data", cats.toString(), "--hparams", TrainCliTest.TINY + ",save_every=100000,eval_every=100000",
                "--minutes", "10", "--out", "model");
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(inner.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().putAll(inner.environment());
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var in = process.getInputStream()) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    output.append((char) b);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        awaitText(output, "sketch-rnn: decoder only");
        Thread.sleep(3000);
        interrupt(process.toHandle());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "plotter train did not stop: " + output);
        reader.join(5000);
        assertEquals(130, process.exitValue(), output.toString());
        assertTrue(output.toString().contains("interrupted: the checkpoint above holds every step taken"), output.toString());
        String manifest = Files.readString(work.resolve("model/manifest.json"));
        java.util.regex.Matcher steps = java.util.regex.Pattern.compile("\"steps\" : (\\d+)").matcher(manifest);
        assertTrue(steps.find() && Long.parseLong(steps.group(1)) > 0, manifest);
        assertTrue(output.toString().contains("model: " + steps.group(1) + " steps"), output.toString());
    }

    private static void awaitText(StringBuffer output, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (output.indexOf(text) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(output.indexOf(text) >= 0, "waited for '" + text + "': " + output);
    }

    private static void interrupt(ProcessHandle process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor());
    }

    @Test
    void runningOutOfMemoryIsOneLineNotAStackTrace() throws Exception {
        StringBuilder json = new StringBuilder("{\"format\": \"stroke-3\", \"points\": [");
        for (int i = 0; i < 1_500_000; i++) {
            json.append(i == 0 ? "" : ",").append("[1.5,-0.5,").append(i % 50 == 0 ? 1 : 0).append(']');
        }
        Path sketch = Files.writeString(work.resolve("huge.json"), json.append("]}"));
        ProcessBuilder builder = plotter("gcode", sketch.toString(), "--out", "g");
        builder.environment().merge("PLOTTER_JAVA_OPTS", " -Xmx40m", String::concat);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.startsWith("plotter: out of memory") && !err.contains("\tat "), err);
        assertTrue(!Files.exists(work.resolve("g/huge.gcode")), "nothing half-written");
    }

    @Test
    void aFailedWriteToStandardOutputIsAFailure() throws Exception {
        Process process = plotter("--version").redirectOutput(new File("/dev/full")).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("cannot write to standard output"), err);
    }
}
