package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.sim.VirtualDevice;

/**
 * {@code kill -9} of a running {@code plotter stream}, then {@code plotter resume}: the machine (a simulated
 * GRBL behind a real pseudo-terminal, outliving the process as a powered machine does) ends up having drawn
 * exactly the program: every segment once, none skipped.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ResumeProcessIT {
    private static final Path HOME = Path.of(System.getProperty("plotter.home"));
    /** Positions are written to 0.001 mm and reported in whole steps by the machine. */
    private static final double ON_PATH_MM = 0.02;

    @TempDir
    Path work;

    private Path config;

    @BeforeEach
    void distributionIsFresh() throws Exception {
        Files.write(HOME.resolve("bundles/plotter-launcher/target/dist/.built"), new byte[0]);
        config = TestHome.copyConfig(Files.createDirectories(work.resolve("config-copy")));
    }

    @Test
    void aKilledStreamResumedDrawsEverySegmentExactlyOnce() throws Exception {
        List<String> program = squares(SQUARES);
        Path file = Files.write(work.resolve("squares.gcode"), program);
        Drawing planned = squareStrokes(SQUARES);
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(work.resolve("ttyPLOTTER"), "sim:speed=4")) {
            Process stream = plotter("stream", file.toString(), "--port", work.resolve("ttyPLOTTER").toString(), "--yes", "--out", "out").start();
            BufferedReader err = new BufferedReader(new InputStreamReader(stream.getErrorStream(), StandardCharsets.UTF_8));
            String plan = err.readLine();
            assertTrue(plan != null && plan.contains("plotting on"), "the plan line: " + plan);
            double total = planned.drawLength();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (drawn(device) < total * 0.4 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(stream.isAlive(), "still plotting when killed");
            stream.destroyForcibly(); // SIGKILL: no shutdown hook, no safe stop, nothing flushed
            assertTrue(stream.waitFor(10, TimeUnit.SECONDS));
            double atKill = drawn(device);
            assertTrue(atKill < total * 0.9, "killed mid-plot: " + atKill + " of " + total + " mm drawn");

            Process list = plotter("resume", "--list").redirectErrorStream(true).start();
            String jobs = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, list.waitFor(), jobs);
            assertTrue(jobs.contains("interrupted"), jobs);
            String job = jobs.lines().filter(l -> l.contains("squares")).findFirst().orElseThrow().split("\\s+")[0];

            Process resume = plotter("resume", job, "--yes").redirectErrorStream(true).start();
            assertTrue(resume.waitFor(120, TimeUnit.SECONDS), "resume did not finish");
            String said = new String(resume.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, resume.exitValue(), said);
            assertTrue(said.contains("the machine stopped at") && said.contains("the plot completed"), said);

            assertDrawnOnce(device, planned, said);
            Process again = plotter("resume", job).redirectErrorStream(true).start();
            String nothing = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, again.waitFor());
            assertTrue(nothing.contains("nothing to resume"), nothing);
        }
    }

    private static final int SQUARES = 24;

    @Test
    void aPlotWhoseCableIsPulledAndPluggedBackContinuesWhereItStopped() throws Exception {
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(work.resolve("ttyPLOTTER"), "sim:speed=4")) {
            Process stream = streamSquares("--reconnect-for", "60s");
            waitUntilDrawn(device, squareStrokes(SQUARES).drawLength() * 0.3);
            device.unplug();
            Thread.sleep(1500);
            device.replug();
            String said = completed(stream);
            assertTrue(said.contains("reconnecting to") && said.contains("reconnected and continued after"), said);
            said.lines().filter(l -> l.contains("continued after")).forEach(l -> System.out.println("unplugged for 1.5 s: " + l));
            assertDrawnOnce(device, squareStrokes(SQUARES), said);
        }
    }

    /**
     * The cable is cut as square 10's first side (line 68) is on the wire: that line and the ones behind it never
     * arrive, and the machine stops where the square starts, which is also where its closing side (line 71) ends.
     * Sent before line 68 had run, line 71 would make the machine look as if it had drawn the square, and the
     * square would be skipped; the driver holds it back until then, so the resume draws the square, once.
     */
    @Test
    void aCableCutWithAClosedStrokeOnTheWireDrawsTheStrokeOnce() throws Exception {
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(work.resolve("ttyPLOTTER"), "sim:speed=4,fault=cut@68")) {
            String said = completed(streamSquares("--reconnect-for", "60s"));
            assertTrue(said.contains("after line 67 of"), "stopped where square 10 starts, before its first side: " + said);
            said.lines().filter(l -> l.contains("continued after")).forEach(l -> System.out.println("cut with a square on the wire: " + l));
            assertDrawnOnce(device, squareStrokes(SQUARES), said);
        }
    }

    @Test
    void aControllerResetInTheMiddleOfAMoveIsContinuedFromItsPosition() throws Exception {
        // GRBL resets as line 60 arrives, with moves queued and one running: ALARM:3, the queue lost, the position kept
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(work.resolve("ttyPLOTTER"), "sim:speed=4,fault=reset@60")) {
            String said = completed(streamSquares());
            assertTrue(said.contains("ALARM:3") && said.contains("continued after"), said);
            said.lines().filter(l -> l.contains("continued after")).forEach(l -> System.out.println("reset mid-move: " + l));
            assertDrawnOnce(device, squareStrokes(SQUARES), said);
        }
    }

    /** {@code plotter stream} of the squares to the device's port, with {@code options} after the usual ones. */
    private Process streamSquares(String... options) throws Exception {
        Path file = Files.write(work.resolve("squares.gcode"), squares(SQUARES));
        List<String> args = new ArrayList<>(List.of("stream", file.toString(), "--port", work.resolve("ttyPLOTTER").toString(), "--yes", "--out", "out"));
        args.addAll(List.of(options));
        return plotter(args.toArray(String[]::new)).redirectErrorStream(true).start();
    }

    /** What a plot said, once it completed with exit 0. */
    private static String completed(Process stream) throws Exception {
        assertTrue(stream.waitFor(120, TimeUnit.SECONDS), "the plot did not finish");
        String said = new String(stream.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, stream.exitValue(), said);
        return said;
    }

    private static void waitUntilDrawn(VirtualDevice device, double mm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (drawn(device) < mm && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The machine drew the program's strokes once: their length in all, and nothing off their path. */
    private static void assertDrawnOnce(VirtualDevice device, Drawing planned, String said) {
        Drawing motion = device.machine().executionRecord().orElseThrow().motion();
        assertEquals(planned.drawLength(), motion.drawLength(), 0.05, "drawn once in all: " + said);
        for (Polyline stroke : motion.paths()) {
            if (!stroke.penDown()) {
                continue;
            }
            for (int i = 1; i < stroke.points().size(); i++) {
                Point a = stroke.points().get(i - 1), b = stroke.points().get(i);
                Point middle = new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
                assertTrue(distanceToPath(planned, middle) <= ON_PATH_MM, "a segment that is not the program's, at " + middle + ": " + said);
            }
        }
    }

    private static Drawing squareStrokes(int n) {
        List<Polyline> strokes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 10 + (i % 6) * 15, y = 10 + (i / 6) * 15;
            strokes.add(new Polyline(List.of(new Point(x, y), new Point(x + 10, y), new Point(x + 10, y + 10), new Point(x, y + 10),
                    new Point(x, y)), true));
        }
        return new Drawing(300, 300, strokes);
    }

    /** {@code n} squares of 10 mm in a row of rows, each its own stroke: many short moves, some minutes of plotting at speed 1. */
    private static List<String> squares(int n) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", "M3 S0"));
        for (int i = 0; i < n; i++) {
            double x = 10 + (i % 6) * 15, y = 10 + (i / 6) * 15;
            lines.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", x, y));
            lines.add("M3 S30");
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f F1200", x + 10, y));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x + 10, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y));
            lines.add("M3 S0");
        }
        lines.add("G0 X0 Y0");
        return lines;
    }

    private static double drawn(VirtualDevice device) {
        return device.machine().executionRecord().orElseThrow().motion().drawLength();
    }

    private static double distanceToPath(Drawing drawing, Point p) {
        double best = Double.MAX_VALUE;
        for (Polyline stroke : drawing.paths()) {
            if (!stroke.penDown()) {
                continue;
            }
            for (int i = 1; i < stroke.points().size(); i++) {
                Point a = stroke.points().get(i - 1), b = stroke.points().get(i);
                double dx = b.x() - a.x(), dy = b.y() - a.y(), length2 = dx * dx + dy * dy;
                double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2));
                best = Math.min(best, Math.hypot(a.x() + t * dx - p.x(), a.y() + t * dy - p.y()));
            }
        }
        return best;
    }

    private ProcessBuilder plotter(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("tools/plotter").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("PLOTTER_JAVA_OPTS", "-Dplotter.config=" + config + " -Dplotter.jobs=" + work.resolve("jobs"));
        return builder;
    }
}
