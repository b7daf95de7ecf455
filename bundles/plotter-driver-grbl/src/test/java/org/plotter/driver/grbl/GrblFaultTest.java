package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.sim.SimConnectionFactory;

/**
 * Faults injected by the simulated GRBL at a line of the program: the job completes when nothing was lost,
 * fails with the machine's reason otherwise, never hangs; and what the machine drew is the program's
 * drawing up to where it stopped, nothing twice, nothing skipped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrblFaultTest {
    /** A lost reply is declared after 3 s idle: the simulator's late ok comes after 1.5 s. */
    private static final GrblTiming QUICK = new GrblTiming(Duration.ofSeconds(3), Duration.ofMillis(100),
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(3));

    /** Squares, each a stroke between servo pen moves. */
    static List<String> squares(int count) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", "M3 S0"));
        for (int i = 0; i < count; i++) {
            double x = 10 + (i % 10) * 15, y = 10 + (i / 10) * 15;
            lines.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", x, y));
            lines.add("M3 S30");
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f F3000", x + 10, y));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x + 10, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y));
            lines.add("M3 S0");
        }
        lines.add("G0 X0 Y0");
        return lines;
    }

    private static List<Polyline> drawn(PlotterConnection machine) {
        return machine.executionRecord().orElseThrow().motion().paths().stream().filter(Polyline::penDown).toList();
    }

    /** Runs the program; a job that pauses itself for a silent machine is cancelled, as with no operator to answer. */
    private static JobResult run(PlotterConnection machine, List<String> lines) throws InterruptedException {
        GrblStreamer[] running = new GrblStreamer[1];
        GrblStreamer job = new GrblStreamer(machine, GrblStreamerTest.program(lines), GrblStreamerTest.profile(GrblStreamerTest.RX_BUFFER), LineHolds.none(), QUICK, e -> {
            if (e instanceof JobEvent.MachineSilent) {
                running[0].cancel();
            }
        });
        running[0] = job;
        job.start();
        return job.await(Duration.ofSeconds(40));
    }

    @ParameterizedTest(name = "{0} at line {1}")
    @CsvSource({
        "garbage, 40, COMPLETED, ",
        "partial, 40, COMPLETED, ",
        "lateok, 40, COMPLETED, ",
        "lostok, 40, COMPLETED, ",
        "error, 40, FAILED, error:33",
        "alarm, 40, FAILED, ALARM:1",
        "reset, 40, FAILED, reset",
        "stall, 40, CANCELLED, ",
        "lostok, 3, COMPLETED, ",
        "alarm, 50, FAILED, ALARM:1"})
    void aFaultEndsTheJobCleanlyAndNothingIsDrawnTwice(String fault, int line, JobResult.Outcome expected, String code) throws Exception {
        List<String> lines = squares(8);
        List<Polyline> reference;
        try (PlotterConnection clean = new SimConnectionFactory().open("sim:")) {
            assertEquals(JobResult.Outcome.COMPLETED, run(clean, lines).outcome());
            reference = drawn(clean);
        }
        try (PlotterConnection faulty = new SimConnectionFactory().open("sim:fault=" + fault + "@" + line)) {
            long start = System.nanoTime();
            JobResult result = run(faulty, lines);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(expected, result.outcome(), String.valueOf(result));
            if (code != null) {
                assertEquals(code, result.failure().orElseThrow().code(), String.valueOf(result));
            }
            assertTrue(seconds < 15, "ended within its bounds: " + seconds + " s");
            List<Polyline> executed = drawn(faulty);
            if (expected == JobResult.Outcome.COMPLETED) {
                assertEquals(reference, executed, "everything, once");
            } else if (fault.equals("error")) {
                // GRBL skips a line it refuses and runs what is already in its buffer behind it (character
                // counting keeps the buffer full), so the move past the refused one joins straight across: one
                // segment not in the program. The job stops at once and names the line; nothing is drawn twice.
                // (--dry-run puts every line through GRBL's parser first, in check mode.)
                assertEquals(line, result.failure().orElseThrow().lineNumber());
                assertNothingTwice(reference, executed, 1);
            } else {
                assertPrefix(reference, executed);
            }
        }
    }

    /**
     * The reset button pressed while the machine stands held, with a line still on the wire: GRBL greets without
     * an alarm and takes that line in its fresh state. Its ok answers none of the program's lines, and the job
     * stops for good: where the machine stands no longer tells how far the drawing got.
     */
    @Test
    void aLineTakenAfterTheControllerRestartedIdleStopsTheJobForGood() throws Exception {
        // status once a second: the line's ok comes long before the stop's own reset, which waits for two reports
        GrblTiming slowPolls = new GrblTiming(Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5));
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        // in real time: the 20 squares take half a minute, so the job is still drawing when it is held
        try (WireTap machine = new WireTap(new SimConnectionFactory().open("sim:speed=1"))) {
            GrblStreamer job = new GrblStreamer(machine, GrblStreamerTest.program(squares(20)), GrblStreamerTest.profile(GrblStreamerTest.RX_BUFFER), LineHolds.none(),
                    slowPolls, events::add);
            job.start();
            GrblStreamerTest.waitFor(() -> GrblStreamerTest.acknowledged(events) > 20);
            job.pause();
            GrblStreamerTest.waitFor(() -> GrblStreamerTest.lastState(events).equals("Hold:0"));
            // behind the hold GRBL's buffers fill and the streamer stops sending: until then its bytes would mix with ours
            int lineBytes;
            do {
                lineBytes = lineBytes(machine.sent());
                Thread.sleep(500);
            } while (lineBytes(machine.sent()) != lineBytes);
            int acknowledged = GrblStreamerTest.acknowledged(events);
            machine.output().write("\u0018G0 X150 Y150\n".getBytes(StandardCharsets.US_ASCII));
            JobResult result = job.await(Duration.ofSeconds(40));
            JobResult.JobFailure failure = result.failure().orElseThrow();
            assertEquals(JobResult.JobFailure.RAN_OUT_OF_PLACE, failure.code(), result::toString);
            assertFalse(failure.continuable());
            assertFalse(failure.resumable());
            assertTrue(failure.message().contains("took 1 line(s)"), failure.message());
            assertEquals(acknowledged, result.linesAcknowledged(), "the ok of the line after the restart is no program line's");
        }
    }

    /**
     * A reset (GRBL's ALARM:3 in motion) or a cancel (hold, then the stop's own reset) throws GRBL's planner away:
     * the status reports after it, asked for often here, must not count the lines that were queued in it as run.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reset", "cancel"})
    void noLineThrownAwayWithThePlannerIsReportedRun(String how) throws Exception {
        GrblTiming oftenAsked = new GrblTiming(Duration.ofSeconds(3), Duration.ofMillis(10),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5));
        List<String> lines = GrblStreamerTest.zigzag(300);
        double[] travelledAfter = GrblStreamerTest.travelledAfterEachLine(lines);
        List<String> broken = new CopyOnWriteArrayList<>();
        int[] executed = {0};
        String port = how.equals("reset") ? "sim:speed=4,fault=reset@60" : "sim:speed=4";
        try (PlotterConnection machine = new SimConnectionFactory().open(port)) {
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            GrblStreamer job = new GrblStreamer(machine, GrblStreamerTest.program(lines), GrblStreamerTest.profile(GrblStreamerTest.RX_BUFFER), LineHolds.none(),
                    oftenAsked, event -> {
                        events.add(event);
                        if (event instanceof JobEvent.Executed run) {
                            executed[0] = run.lines();
                            GrblStreamerTest.checkReportedRun(machine, travelledAfter, run.lines(), broken);
                        }
                    });
            job.start();
            if (how.equals("cancel")) {
                GrblStreamerTest.waitFor(() -> GrblStreamerTest.acknowledged(events) > 60);
                job.cancel();
            }
            JobResult result = job.await(Duration.ofSeconds(40));
            assertEquals(how.equals("reset") ? JobResult.Outcome.FAILED : JobResult.Outcome.CANCELLED, result.outcome(), result::toString);
            assertTrue(result.linesAcknowledged() > executed[0] + 5, "lines were queued when the planner went: "
                    + result.linesAcknowledged() + " acknowledged, " + executed[0] + " reported run");
        }
        assertEquals(List.of(), broken);
    }

    /** The bytes of lines among {@code sent}: all but GRBL's realtime commands. */
    private static int lineBytes(byte[] sent) {
        int n = 0;
        for (byte b : sent) {
            if (b != '?' && b != '!' && b != '~' && b != 0x18) {
                n++;
            }
        }
        return n;
    }

    /** No segment of the program is drawn twice, and at most {@code foreign} drawn segments are not the program's. */
    private static void assertNothingTwice(List<Polyline> reference, List<Polyline> executed, int foreign) {
        List<String> wanted = segments(reference), extra = new ArrayList<>();
        for (String segment : segments(executed)) {
            if (!wanted.remove(segment)) {
                extra.add(segment);
            }
        }
        assertTrue(extra.size() <= foreign, "drawn twice or not in the program: " + extra);
    }

    private static List<String> segments(List<Polyline> strokes) {
        List<String> segments = new ArrayList<>();
        for (Polyline stroke : strokes) {
            for (int i = 1; i < stroke.points().size(); i++) {
                segments.add(stroke.points().get(i - 1) + "-" + stroke.points().get(i));
            }
        }
        return segments;
    }

    /** Every stroke drawn is the program's next one; the last may have been stopped part-way along its path. */
    private static void assertPrefix(List<Polyline> reference, List<Polyline> executed) {
        assertTrue(executed.size() <= reference.size(), "no more strokes than the program has");
        for (int i = 0; i < executed.size(); i++) {
            List<Point> got = executed.get(i).points(), want = reference.get(i).points();
            if (i < executed.size() - 1) {
                assertEquals(want, got, "stroke " + i + " whole and once");
                continue;
            }
            assertTrue(got.size() <= want.size(), "the last stroke has no extra points");
            for (int p = 0; p < got.size() - 1; p++) {
                assertEquals(want.get(p), got.get(p), "the last stroke follows the program");
            }
            Point end = got.get(got.size() - 1), a = want.get(got.size() - 2), b = want.get(Math.min(got.size() - 1, want.size() - 1));
            double cross = (b.x() - a.x()) * (end.y() - a.y()) - (b.y() - a.y()) * (end.x() - a.x());
            assertEquals(0, cross / Math.max(1e-9, a.distanceTo(b)), 1e-6, "stopped on the program's own segment: " + end);
        }
    }
}
