package org.plotter.driver.marlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.sim.SimConnectionFactory;

/** The Marlin driver against the simulated Marlin, which checks numbers and checksums as Marlin does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MarlinStreamerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static FirmwareProfile profile(int window) {
        return new FirmwareProfile("marlin-test", "Marlin, pen on Z",
                new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false),
                new FirmwareProfile.Pen(List.of("G0 Z5"), List.of("G1 Z-1 F1000"), Duration.ofMillis(50)),
                FirmwareProfile.PenChange.PAUSE_AT_ORIGIN, PlanOptions.DEFAULT,
                new FirmwareProfile.Motion(3000, 6000, 500, 0.01),
                new FirmwareProfile.Protocol("marlin", 127, Map.of(MarlinStreamer.WINDOW, Integer.toString(window))),
                new GcodeDialect(GcodeDialect.DwellUnit.MILLISECONDS, GcodeDialect.LengthUnit.MILLIMETRES, List.of("G21", "G90"), List.of()));
    }

    /** Squares, each a stroke between pen moves with dwells in milliseconds, and a comment or two. */
    static List<String> squares(int count) {
        List<String> lines = new ArrayList<>(List.of("G21", "G90", "G0 Z5 ; pen up"));
        for (int i = 0; i < count; i++) {
            double x = 10 + (i % 10) * 15, y = 10 + (i / 10) * 15;
            lines.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", x, y));
            lines.add("G1 Z-1 F1000");
            lines.add("G4 P50");
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f F3000", x + 10, y));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x + 10, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y));
            lines.add("G0 Z5");
            lines.add("");
        }
        lines.add("G0 X0 Y0");
        return lines;
    }

    static GcodeProgram program(List<String> lines) {
        return new GcodeProgram(lines, new Drawing(300, 300, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO));
    }

    private static JobResult stream(PlotterConnection machine, List<String> lines, int window, List<JobEvent> events) throws Exception {
        MarlinStreamer job = new MarlinStreamer(machine, program(lines), profile(window), LineHolds.none(), MarlinStreamer.Timing.DEFAULT, events::add);
        job.start();
        return job.await(WAIT);
    }

    private static List<Polyline> drawn(PlotterConnection machine) {
        return machine.executionRecord().orElseThrow().motion().paths().stream().filter(Polyline::penDown).toList();
    }

    @Test
    void aProgramIsDrawnExactlyOnceWhateverLinesArriveCorrupted() throws Exception {
        List<String> lines = squares(20);
        List<Polyline> clean;
        try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin")) {
            JobResult result = stream(marlin, lines, 1, new ArrayList<>());
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result));
            assertEquals(lines.size(), result.linesAcknowledged());
            clean = drawn(marlin);
            assertEquals(20, clean.size(), "one stroke per square");
        }
        for (int window : new int[] {1, 4}) {
            // numbers are of Marlin's lines (comments and blank lines are not sent): early, late, twice, back to back
            try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin,garble=1/7/8/9/40x2/111/150x3")) {
                JobResult result = stream(marlin, lines, window, new ArrayList<>());
                assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), "window " + window + ": " + result);
                assertEquals(clean, drawn(marlin), "window " + window + ": the same strokes, none twice, none skipped");
            }
        }
    }

    /**
     * A line held for a resume's sake (a square's closing side) goes out only after an {@code M400} answered for
     * the line it waits for, whatever the window; without holds the same program sends it with the side queued.
     */
    @Test
    void aHeldLineWaitsForAnM400ThatSaysItsEarlierVisitRan() throws Exception {
        List<String> lines = squares(5);
        LineHolds holds = new org.plotter.gcode.StopPointResumer().holds(program(lines), profile(4));
        assertTrue(holds.count() >= 5, "at least each square's closing side waits: " + holds);
        List<Polyline> clean = null;
        for (LineHolds used : new LineHolds[] {holds, LineHolds.none()}) {
            try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin")) {
                List<JobEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
                MarlinStreamer job = new MarlinStreamer(marlin, program(lines), profile(4), used, MarlinStreamer.Timing.DEFAULT, events::add);
                job.start();
                JobResult result = job.await(WAIT);
                assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result));
                clean = clean == null ? drawn(marlin) : clean;
                assertEquals(clean, drawn(marlin), "the same strokes with holds and without");
                int ran = 0, early = 0;
                for (JobEvent event : events) {
                    if (event instanceof JobEvent.Executed executed) {
                        ran = Math.max(ran, executed.lines());
                    } else if (event instanceof JobEvent.Sent sent && holds.mustHaveRun(sent.lines()) > ran) {
                        early++;
                    }
                }
                assertEquals(used == holds, early == 0, (used == holds ? "held" : "not held") + ": " + early + " lines went out early");
            }
        }
    }

    /**
     * Held lines wait for an {@code M400}'s own answer, whatever noise comes back: a {@code Resend:} for a line
     * already answered, or lost answers that only a later {@code Resend:} reveals, at every line in turn.
     */
    @Test
    void heldLinesGoOutWhateverHappensToTheCheckpointBeforeThem() throws Exception {
        List<String> lines = squares(3);
        LineHolds holds = new org.plotter.gcode.StopPointResumer().holds(program(lines), profile(1));
        List<Polyline> clean;
        try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin")) {
            assertEquals(JobResult.Outcome.COMPLETED, stream(marlin, lines, 1, new ArrayList<>()).outcome());
            clean = drawn(marlin);
        }
        for (String fault : new String[] {"resendold", "lostok"}) {
            for (int at = 1; at <= 25; at++) {
                try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin,fault=" + fault + "@" + at)) {
                    MarlinStreamer job = new MarlinStreamer(marlin, program(lines), profile(1), holds,
                            new MarlinStreamer.Timing(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(5)), e -> { });
                    job.start();
                    JobResult result = job.await(WAIT);
                    assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), fault + "@" + at + ": " + result);
                    assertEquals(clean, drawn(marlin), fault + "@" + at);
                }
            }
        }
    }

    @Test
    void aLineThatNeverArrivesWholeFailsTheJobAfterBoundedResends() throws Exception {
        try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin,garble=12x50")) {
            JobResult result = stream(marlin, squares(5), 2, new ArrayList<>());
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            JobResult.JobFailure why = result.failure().orElseThrow();
            assertEquals("resend", why.code());
            assertTrue(why.message().contains("asked for this line " + (MarlinStreamer.MAX_RESENDS + 1) + " times"), why.message());
            assertEquals(squares(5).get(why.lineNumber() - 1), why.line(), "the program's own line is named");
            assertTrue(result.machineLeft().orElseThrow().contains("pen up"), result.machineLeft().toString());
        }
    }

    @Test
    void aProgramPauseWaitsForTheOperatorAndM108ContinuesIt() throws Exception {
        List<String> lines = new ArrayList<>(squares(4));
        lines.add(20, "M0 ; pen for layer 2");
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin")) {
            MarlinStreamer job = new MarlinStreamer(marlin, program(lines), profile(1), LineHolds.none(), MarlinStreamer.Timing.DEFAULT, events::add);
            job.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.stream().noneMatch(e -> e instanceof JobEvent.ProgramPause) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JobEvent.ProgramPause pause = (JobEvent.ProgramPause) events.stream().filter(e -> e instanceof JobEvent.ProgramPause).findFirst().orElseThrow();
            assertEquals(21, pause.line());
            assertEquals("pen for layer 2", pause.message());
            int drawnAtPause = drawn(marlin).size();
            Thread.sleep(300);
            assertEquals(drawnAtPause, drawn(marlin).size(), "waiting");
            job.resume();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result));
            assertEquals(4, drawn(marlin).size());
        }
    }

    @Test
    void identifiesMarlinByM115() throws Exception {
        try (PlotterConnection marlin = new SimConnectionFactory().open("sim:firmware=marlin")) {
            assertEquals("Marlin 2.1.2", new MarlinDriver().identify(marlin, Duration.ofSeconds(3)).orElseThrow());
        }
    }

    @Test
    void checksumsAreMarlinsXorOfTheNumberedLine() {
        // N1 G28*<xor>: the XOR of the bytes of "N1 G28"
        int xor = 0;
        for (char c : "N1 G28".toCharArray()) {
            xor ^= c;
        }
        assertEquals("N1 G28*" + xor, MarlinReply.numbered(1, "G28"));
        assertEquals(MarlinReply.Kind.RESEND, MarlinReply.parse("Resend: 12").kind());
        assertEquals(12, MarlinReply.parse("rs N12").line().getAsLong());
        assertEquals(MarlinReply.Kind.OK, MarlinReply.parse("ok N12 P15 B3").kind());
        assertEquals(12, MarlinReply.parse("ok N12 P15 B3").line().getAsLong());
        assertEquals(MarlinReply.Kind.BUSY, MarlinReply.parse("echo:busy: processing").kind());
        assertTrue(MarlinReply.parse("Error:checksum mismatch, Last Line: 11").asksForResend());
    }

    /** Pause at the next pen lift: the stroke is finished, the pen lifted, nothing after it fed until resume; all drawn once. */
    @Test
    @Timeout(60)
    void aPauseAtPenUpFinishesTheStrokeAndFeedsNothingAfterTheLift() throws Exception {
        List<String> lines = squares(6);
        List<Polyline> reference;
        try (PlotterConnection clean = new SimConnectionFactory().open("sim:firmware=marlin")) {
            assertEquals(JobResult.Outcome.COMPLETED, stream(clean, lines, 1, new ArrayList<>()).outcome());
            reference = drawn(clean);
        }
        try (PlotterConnection machine = new SimConnectionFactory().open("sim:speed=2,firmware=marlin")) {
            AtomicInteger sent = new AtomicInteger();
            CountDownLatch midStroke = new CountDownLatch(1), paused = new CountDownLatch(1);
            MarlinStreamer job = new MarlinStreamer(machine, program(lines), profile(1), LineHolds.none(), MarlinStreamer.Timing.DEFAULT, e -> {
                if (e instanceof JobEvent.Sent s) {
                    sent.set(s.lines());
                } else if (e instanceof JobEvent.Progress p && p.acknowledged() >= 8) {
                    midStroke.countDown();
                } else if (e instanceof JobEvent.Paused) {
                    paused.countDown();
                }
            });
            job.start();
            assertTrue(midStroke.await(20, TimeUnit.SECONDS));
            job.pauseAtPenUp();
            assertTrue(paused.await(20, TimeUnit.SECONDS), "paused at a pen lift");
            int sentAtPause = sent.get();
            assertTrue(lines.get(sentAtPause - 1).startsWith("G0 Z5"), "the last line sent lifts the pen: " + lines.get(sentAtPause - 1));
            Thread.sleep(1000); // Marlin runs what it has: the stroke and the lift
            List<Polyline> atPause = drawn(machine);
            assertEquals(reference.subList(0, atPause.size()), atPause, "whole strokes only, in order");
            assertEquals(sentAtPause, sent.get(), "nothing fed while paused");
            job.resume();
            assertEquals(JobResult.Outcome.COMPLETED, job.await(WAIT).outcome());
            assertEquals(reference, drawn(machine), "everything, once");
        }
    }
}
