package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.sketch.Drawing;
import org.plotter.driver.sim.SimConnectionFactory;

/** The GRBL streamer against the real simulated controller (no mocks). */
class GrblStreamerTest {
    static final int RX_BUFFER = 127;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A servo-pen GRBL plotter, as the grbl-servo profile describes one. */
    static FirmwareProfile profile(int rxBufferBytes) {
        return new FirmwareProfile("test", "test",
                new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false),
                new FirmwareProfile.Pen(List.of("M3 S0"), List.of("M3 S30"), Duration.ZERO),
                FirmwareProfile.PenChange.PAUSE_AT_ORIGIN, org.plotter.api.gcode.PlanOptions.DEFAULT,
                new FirmwareProfile.Motion(3000, 6000, 500, 0.01),
                new FirmwareProfile.Protocol("grbl", rxBufferBytes, Map.of()), GcodeDialect.GRBL);
    }

    static GcodeProgram program(List<String> lines) {
        return new GcodeProgram(lines, new Drawing(1, 1, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO));
    }

    /** A zig-zag of short pen-down moves: long lines, so the receive buffer is the bottleneck. */
    static List<String> zigzag(int moves) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", "M3 S30", "G1 X0 Y0 F6000"));
        for (int i = 1; i <= moves; i++) {
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f ; move %d", 10 + (i % 2) * 0.5, 10 + i * 0.01, i));
        }
        lines.add("M5");
        lines.add("G0 X0 Y0");
        return lines;
    }

    static PlotterConnection sim(String port) throws Exception {
        return new SimConnectionFactory().open(port);
    }

    @Test
    @Timeout(120)
    void neverMoreThanTheReceiveBufferIsUnacknowledged() throws Exception {
        List<String> lines = zigzag(400);
        try (WireTap wire = new WireTap(sim("sim:speed=50"))) {
            GrblStreamer job = (GrblStreamer) new GrblDriverForTest(RX_BUFFER).start(wire, program(lines), e -> { });
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.failure()));
            assertEquals(lines.size(), result.linesAcknowledged());
            assertTrue(wire.maxUnanswered() <= RX_BUFFER, "on the wire: " + wire.maxUnanswered());
            assertTrue(wire.maxUnanswered() > RX_BUFFER - 40, "the buffer should actually be used, max " + wire.maxUnanswered());
            // the streamer counts a line before writing it, so an ok may reach the wire first: its count is an upper bound
            assertTrue(job.maxInFlightBytes() >= wire.maxUnanswered() && job.maxInFlightBytes() <= RX_BUFFER,
                    "streamer " + job.maxInFlightBytes() + " vs wire " + wire.maxUnanswered());
            assertTrue(wire.executionRecord().orElseThrow().motion().drawLength() > 100, "the moves were executed");
        }
    }

    @Test
    @Timeout(120)
    void linesReportedExecutedHaveRunOnTheMachineAndEverySentLineWasAnnouncedFirst() throws Exception {
        List<String> lines = zigzag(300);
        double[] travelledAfter = travelledAfterEachLine(lines);
        List<String> broken = new CopyOnWriteArrayList<>();
        int[] lastSent = {0}, lastExecuted = {0}, behind = {0}, lastAcknowledged = {0};
        try (WireTap wire = new WireTap(sim("sim:speed=4"))) {
            JobListener listener = event -> {
                if (event instanceof JobEvent.Sent sent) {
                    if (sent.lines() != lastSent[0] + 1) {
                        broken.add("sent " + sent.lines() + " after " + lastSent[0]);
                    }
                    lastSent[0] = sent.lines();
                } else if (event instanceof JobEvent.Executed executed) {
                    checkReportedRun(wire, travelledAfter, executed.lines(), broken);
                    if (executed.lines() <= lastExecuted[0] || executed.lines() > lastSent[0]) {
                        broken.add("executed " + executed.lines() + " after " + lastExecuted[0] + ", sent " + lastSent[0]);
                    }
                    if (executed.lines() < lastAcknowledged[0] - 10) {
                        behind[0]++; // the planner holds 15 moves that GRBL has accepted but not yet run
                    }
                    lastExecuted[0] = executed.lines();
                } else if (event instanceof JobEvent.Progress progress) {
                    lastAcknowledged[0] = progress.acknowledged();
                }
            };
            JobResult result = new GrblDriverForTest(RX_BUFFER).start(wire, program(lines), listener).await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.failure()));
            String written = new String(wire.sent(), StandardCharsets.US_ASCII);
            assertTrue(written.contains("$10=3\n"), "buffer reports turned on: " + written.substring(0, 200));
        }
        assertEquals(List.of(), broken);
        assertEquals(lines.size(), lastSent[0]);
        assertEquals(lines.size(), lastExecuted[0], "everything ran by the end");
        assertTrue(behind[0] > 5, "queued lines are not counted as run: " + behind[0] + " reports well behind the acknowledgements");
    }

    /**
     * A line reported run must have been reached: the machine's own record, read after the report, can only be
     * further on than the path up to that line ({@code travelledAfter}); if not, says so in {@code broken}.
     */
    static void checkReportedRun(PlotterConnection machine, double[] travelledAfter, int line, List<String> broken) {
        var motion = machine.executionRecord().orElseThrow().motion();
        double travelled = motion.drawLength() + motion.travelLength();
        if (travelled < travelledAfter[line] - 0.01) {
            broken.add(String.format(Locale.ROOT, "line %d reported run at %.3f mm of %.3f", line, travelled, travelledAfter[line]));
        }
    }

    /** Path length (mm, pen up or down) after each line of a program of absolute G0/G1 moves from the origin. */
    static double[] travelledAfterEachLine(List<String> lines) {
        double[] after = new double[lines.size() + 1];
        double x = 0, y = 0;
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("([XY])(-?[0-9.]+)");
        for (int i = 0; i < lines.size(); i++) {
            double nx = x, ny = y;
            java.util.regex.Matcher m = word.matcher(lines.get(i).replaceAll(";.*", ""));
            while (m.find()) {
                if (m.group(1).equals("X")) {
                    nx = Double.parseDouble(m.group(2));
                } else {
                    ny = Double.parseDouble(m.group(2));
                }
            }
            after[i + 1] = after[i] + Math.hypot(nx - x, ny - y);
            x = nx;
            y = ny;
        }
        return after;
    }

    @Test
    @Timeout(120)
    void anErrorStopsTheJobWithTheLineAndGrblsExplanation() throws Exception {
        List<String> lines = new ArrayList<>(zigzag(20));
        lines.add(10, "G7 X1");
        try (PlotterConnection sim = sim("sim:")) {
            JobResult result = new GrblDriverForTest(RX_BUFFER).start(sim, program(lines), e -> { }).await(WAIT);
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            JobResult.JobFailure failure = result.failure().orElseThrow();
            assertEquals(11, failure.lineNumber());
            assertEquals("G7 X1", failure.line());
            assertEquals("error:20", failure.code());
            assertTrue(failure.message().contains("unsupported"), failure.message());
            assertTrue(result.linesAcknowledged() < lines.size());
        }
    }

    @Test
    @Timeout(120)
    void aMoveOutsideTheMachineRaisesASoftLimitAlarm() throws Exception {
        List<String> lines = List.of("G21 G90", "G0 X10 Y10", "G0 X500 Y10", "G0 X0 Y0");
        // without the $$ check, which would refuse this program before it starts: the machine's own alarm is under test
        FirmwareProfile base = profile(RX_BUFFER);
        FirmwareProfile unchecked = new FirmwareProfile(base.id(), base.description(), base.workArea(), base.pen(), base.penChange(), base.planning(),
                base.motion(), new FirmwareProfile.Protocol("grbl", RX_BUFFER, Map.of(GrblJobOptions.CHECK_SETTINGS, "false")), base.dialect());
        try (PlotterConnection sim = sim("sim:")) {
            GrblStreamer job = new GrblStreamer(sim, program(lines), unchecked, LineHolds.none(), GrblTiming.DEFAULT, e -> { });
            job.start();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            assertEquals("ALARM:2", result.failure().orElseThrow().code());
            assertTrue(result.failure().orElseThrow().message().contains("soft limit"));
        }
    }

    @Test
    @Timeout(120)
    void feedHoldPausesTheMachineAndCycleStartResumes() throws Exception {
        List<String> lines = zigzag(300);
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (PlotterConnection sim = sim("sim:speed=20")) {
            var job = new GrblDriverForTest(RX_BUFFER).start(sim, program(lines), events::add);
            waitFor(() -> acknowledged(events) > 30);
            job.pause();
            waitFor(() -> lastState(events).startsWith("Hold"));
            Thread.sleep(300); // let the buffers fill up behind the hold
            int before = acknowledged(events);
            double drawnBefore = sim.executionRecord().orElseThrow().motion().drawLength();
            Thread.sleep(700);
            assertEquals(before, acknowledged(events), "no progress while held");
            assertEquals(drawnBefore, sim.executionRecord().orElseThrow().motion().drawLength(), 1e-9, "no motion while held");
            job.resume();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.failure()));
            assertTrue(events.stream().anyMatch(e -> e instanceof JobEvent.Paused));
            assertTrue(events.stream().anyMatch(e -> e instanceof JobEvent.Resumed));
        }
    }

    @Test
    @Timeout(60)
    void cancelHoldsResetsAndLiftsThePenOnTheMachine() throws Exception {
        try (WireTap wire = new WireTap(sim("sim:speed=20"))) {
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            var job = new GrblDriverForTest(RX_BUFFER).start(wire, program(zigzag(300)), events::add);
            waitFor(() -> acknowledged(events) > 20);
            job.cancel();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.CANCELLED, result.outcome());
            assertEquals("stopped, planner cleared, pen up", result.machineLeft().orElseThrow());
            assertTrue(result.linesAcknowledged() < 300);

            String sent = new String(wire.sent(), StandardCharsets.US_ASCII);
            int hold = sent.lastIndexOf(GrblStreamer.FEED_HOLD);
            int reset = sent.indexOf(GrblStreamer.SOFT_RESET);
            assertTrue(hold >= 0 && reset > hold, "a feed hold, then a reset");
            assertTrue(sent.substring(reset).contains("M3 S0\n"), "the pen is lifted after the reset");

            Drawing drawn = wire.executionRecord().orElseThrow().motion();
            Thread.sleep(500);
            Drawing later = wire.executionRecord().orElseThrow().motion();
            assertEquals(drawn.drawLength() + drawn.travelLength(), later.drawLength() + later.travelLength(), 1e-9,
                    "no motion after the job ended: the planner was cleared");
            wire.output().write(GrblStreamer.STATUS_QUERY); // the job's reader is gone: this connection is ours now
            GrblStatus status = null;
            java.io.BufferedReader replies = new java.io.BufferedReader(new java.io.InputStreamReader(wire.input(), StandardCharsets.US_ASCII));
            while (status == null) {
                status = GrblResponse.parse(replies.readLine()).status().orElse(null);
            }
            assertEquals("Idle", status.state(), "stopped, not in alarm");
            assertEquals(0, status.spindle(), "the servo pen is up (spindle PWM 0)");
        }
    }

    @Test
    @Timeout(60)
    void anErrorLeavesTheMachineStoppedWithThePenUp() throws Exception {
        List<String> lines = new ArrayList<>(zigzag(200));
        lines.add(60, "G7 X1");
        try (WireTap wire = new WireTap(sim("sim:speed=20"))) {
            JobResult result = new GrblDriverForTest(RX_BUFFER).start(wire, program(lines), e -> { }).await(WAIT);
            assertEquals("error:20", result.failure().orElseThrow().code());
            assertEquals("stopped, planner cleared, pen up", result.machineLeft().orElseThrow());
            double moved = wire.executionRecord().orElseThrow().motion().drawLength();
            Thread.sleep(500);
            assertEquals(moved, wire.executionRecord().orElseThrow().motion().drawLength(), 1e-9, "nothing left in the planner");
        }
    }

    /**
     * M0 (a pen change): the job says so with the line and its comment, and waits, held, far longer than the
     * lost-reply bound without failing, until resumed; then it draws the rest.
     */
    @Test
    @Timeout(60)
    void aProgramPauseWaitsForTheOperatorAndThenDrawsTheRest() throws Exception {
        List<String> lines = new ArrayList<>(zigzag(60));
        lines.add(31, "M0 ; pen for layer 2");
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (PlotterConnection sim = sim("sim:speed=20")) {
            GrblTiming quick = new GrblTiming(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(300),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(3));
            GrblStreamer job = new GrblStreamer(sim, program(lines), profile(RX_BUFFER), LineHolds.none(), quick, events::add);
            job.start();
            waitFor(() -> events.stream().anyMatch(e -> e instanceof JobEvent.ProgramPause));
            JobEvent.ProgramPause pause = events.stream().filter(e -> e instanceof JobEvent.ProgramPause)
                    .map(e -> (JobEvent.ProgramPause) e).findFirst().orElseThrow();
            assertEquals(32, pause.line());
            assertEquals("pen for layer 2", pause.message());
            double drawnAtPause = sim.executionRecord().orElseThrow().motion().drawLength();
            Thread.sleep(1000);
            assertEquals(drawnAtPause, sim.executionRecord().orElseThrow().motion().drawLength(), 1e-9, "held: nothing more drawn");
            assertTrue(events.stream().noneMatch(e -> e instanceof JobEvent.Finished), "still waiting, not failed: " + events);
            assertTrue(events.stream().anyMatch(e -> e instanceof JobEvent.Status s && s.state().equals("Hold:0")));
            job.resume();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.failure()));
            assertTrue(sim.executionRecord().orElseThrow().motion().drawLength() > drawnAtPause, "the rest was drawn");
        }
    }

    /** $$ is read first: a program wider than the travel or faster than the maximum rate never starts, and says why. */
    @Test
    @Timeout(60)
    void aProgramThatDoesNotFitTheMachinesSettingsIsRefusedBeforeAnyLineIsSent() throws Exception {
        List<String> wide = List.of("G21 G90", "G0 X10 Y10", "G1 X100 Y10 F3000", "G91", "G1 X250", "G90", "G0 X0 Y0");
        List<String> fast = List.of("G21", "G90", "G1 X10 Y10 F3000", "G1 X20 F9000");
        try (WireTap wire = new WireTap(sim("sim:"))) {
            JobResult result = new GrblDriverForTest(RX_BUFFER).start(wire, program(wide), e -> { }).await(WAIT);
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            JobResult.JobFailure why = result.failure().orElseThrow();
            assertEquals(5, why.lineNumber(), "the relative move that reaches X 350: " + why);
            assertEquals("$130", why.code());
            assertTrue(why.message().contains("spans 350.000 mm in X but the machine travels 300.000 mm"), why.message());
            String sent = new String(wire.sent(), StandardCharsets.US_ASCII).replaceAll("[?!~\\x18]", "");
            assertEquals("$$\n", sent, "nothing of the program was sent");
            assertTrue(wire.executionRecord().orElseThrow().motion().paths().isEmpty(), "nothing moved");
        }
        try (PlotterConnection sim = sim("sim:")) {
            JobResult.JobFailure why = new GrblDriverForTest(RX_BUFFER).start(sim, program(fast), e -> { }).await(WAIT).failure().orElseThrow();
            assertEquals(4, why.lineNumber());
            assertTrue(why.message().contains("asks for 9000.0 mm/min but the machine's maximum rates are 6000.0"), why.message());
        }
    }

    /** protocol.streaming=send-response: one line at a time, each after the previous one's ok. */
    @Test
    @Timeout(60)
    void sendResponseStreamingKeepsOneLineOnTheWire() throws Exception {
        List<String> lines = zigzag(100);
        FirmwareProfile base = profile(RX_BUFFER);
        FirmwareProfile oneByOne = new FirmwareProfile(base.id(), base.description(), base.workArea(), base.pen(), base.penChange(), base.planning(),
                base.motion(), new FirmwareProfile.Protocol("grbl", RX_BUFFER, Map.of(GrblJobOptions.STREAMING, "send-response")), base.dialect());
        int longest = lines.stream().mapToInt(l -> l.length() + 1).max().orElseThrow();
        try (WireTap wire = new WireTap(sim("sim:"))) {
            GrblStreamer job = new GrblStreamer(wire, program(lines), oneByOne, LineHolds.none(), GrblTiming.DEFAULT, e -> { });
            job.start();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.failure()));
            assertTrue(wire.maxUnanswered() <= longest, "one line at most: " + wire.maxUnanswered() + " > " + longest);
        }
    }

    /** A profile that asks for homing sends $H first; a machine without homing answers error:5 and the job says why. */
    @Test
    @Timeout(60)
    void homingIsRunFirstWhenTheProfileAsksAndItsFailureIsNamed() throws Exception {
        FirmwareProfile base = profile(RX_BUFFER);
        FirmwareProfile homing = new FirmwareProfile(base.id(), base.description(), base.workArea(), base.pen(), base.penChange(), base.planning(), base.motion(),
                new FirmwareProfile.Protocol("grbl", RX_BUFFER, Map.of(GrblJobOptions.HOMING, "true")), base.dialect());
        try (WireTap wire = new WireTap(sim("sim:"))) {
            GrblStreamer job = new GrblStreamer(wire, program(zigzag(5)), homing, LineHolds.none(), GrblTiming.DEFAULT, e -> { });
            job.start();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            assertEquals("error:5", result.failure().orElseThrow().code());
            assertTrue(result.failure().orElseThrow().message().contains("homing ($H) failed: homing cycle is not enabled"), result.failure().toString());
            String sent = new String(wire.sent(), StandardCharsets.US_ASCII).replaceAll("[?!~\\x18]", "");
            assertTrue(sent.startsWith("$H\n"), "homing before any program line: " + sent);
            assertEquals(0, result.linesAcknowledged());
        }
    }

    /**
     * A lost ok: with {@code Bf:} (turned on through {@code $10}) GRBL says its receive buffer is empty while
     * it idles, so every line was taken and the job goes on to the end, every move once; without it (no
     * {@code $$} read, so {@code $10} untouched) which line ran cannot be told and the job stops, resumable.
     */
    @Test
    @Timeout(60)
    void aLostOkIsTakenAsAnsweredWhenTheReceiveBufferIsEmptyElseItStopsTheJobResumably() throws Exception {
        GrblTiming quick = quickLostReply(Duration.ofSeconds(5));
        List<String> lines = zigzag(300);
        try (WireTap wire = new WireTap(sim("sim:"))) {
            wire.dropOk(40);
            GrblStreamer job = new GrblStreamer(wire, program(lines), profile(RX_BUFFER), LineHolds.none(), quick, e -> { });
            job.start();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result));
            assertEquals(lines.size(), result.linesAcknowledged());
            double[] travelled = travelledAfterEachLine(lines);
            assertEquals(travelled[lines.size()], wire.executionRecord().orElseThrow().motion().drawLength()
                    + wire.executionRecord().orElseThrow().motion().travelLength(), 0.01, "every move once");
        }
        FirmwareProfile base = profile(RX_BUFFER);
        FirmwareProfile withoutBuffers = new FirmwareProfile(base.id(), base.description(), base.workArea(), base.pen(), base.penChange(),
                base.planning(), base.motion(), new FirmwareProfile.Protocol("grbl", RX_BUFFER, Map.of(GrblJobOptions.CHECK_SETTINGS, "false")),
                base.dialect());
        try (WireTap wire = new WireTap(sim("sim:"))) {
            wire.dropOk(40);
            GrblStreamer job = new GrblStreamer(wire, program(lines), withoutBuffers, LineHolds.none(), quick, e -> { });
            job.start();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            assertEquals(JobResult.JobFailure.REPLY_LOST, result.failure().orElseThrow().code());
            assertTrue(result.failure().orElseThrow().resumable());
            assertTrue(result.failure().orElseThrow().message().contains("a reply was lost"), result.failure().orElseThrow().message());
        }
    }

    @Test
    @Timeout(30)
    void aSilentMachineFailsWithinTheHandshakeBound() throws Exception {
        PipedInputStream nothing = new PipedInputStream();
        PipedOutputStream keepOpen = new PipedOutputStream(nothing);
        PlotterConnection silent = new PlotterConnection() {
            public String port() {
                return "silent";
            }

            public InputStream input() {
                return nothing;
            }

            public OutputStream output() {
                return OutputStream.nullOutputStream();
            }

            public void close() throws IOException {
                keepOpen.close();
            }
        };
        try (silent) {
            GrblTiming quick = new GrblTiming(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1),
                    Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1));
            GrblStreamer job = new GrblStreamer(silent, program(zigzag(10)), profile(RX_BUFFER), LineHolds.none(), quick, e -> { });
            job.start();
            JobResult result = job.await(Duration.ofSeconds(20));
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            assertEquals("no answer", result.failure().orElseThrow().code());
        }
        assertNoJobThreads();
    }

    @Test
    @Timeout(60)
    void twoJobsInARowOnOneConnectionAndNoThreadOutlivesThem() throws Exception {
        try (PlotterConnection sim = sim("sim:")) {
            for (int job = 0; job < 2; job++) {
                JobResult result = new GrblDriverForTest(RX_BUFFER).start(sim, program(zigzag(50)), e -> { }).await(WAIT);
                assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), "job " + job + ": " + result.failure());
            }
        }
        assertNoJobThreads();
    }

    private static void assertNoJobThreads() throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (liveJobThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, liveJobThreads(), "grbl job threads still alive");
    }

    private static long liveJobThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("grbl-") && t.isAlive()).count();
    }

    static int acknowledged(List<JobEvent> events) {
        int n = 0;
        for (JobEvent e : events) {
            if (e instanceof JobEvent.Progress p) {
                n = Math.max(n, p.acknowledged());
            }
        }
        return n;
    }

    static String lastState(List<JobEvent> events) {
        String state = "";
        for (JobEvent e : events) {
            if (e instanceof JobEvent.Status s) {
                state = s.state();
            }
        }
        return state;
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    /** The driver with a given buffer size, as a firmware profile would configure it. */
    record GrblDriverForTest(int rxBufferBytes) {
        PlotJob start(PlotterConnection c, GcodeProgram p, JobListener l) {
            GrblStreamer streamer = new GrblStreamer(c, p, profile(rxBufferBytes), LineHolds.none(), GrblTiming.DEFAULT, l);
            streamer.start();
            return streamer;
        }
    }

    /**
     * Pause at the next pen lift: the stroke being drawn is finished and the pen lifted, nothing after the
     * pen-up line is sent until resume, and the whole drawing comes out once.
     */
    @Test
    @Timeout(60)
    void aPauseAtPenUpFinishesTheStrokeAndSendsNothingAfterTheLift() throws Exception {
        List<String> lines = GrblFaultTest.squares(6);
        List<org.plotter.api.sketch.Polyline> reference;
        try (PlotterConnection clean = sim("sim:")) {
            assertEquals(JobResult.Outcome.COMPLETED, new GrblDriverForTest(RX_BUFFER).start(clean, program(lines), e -> { }).await(WAIT).outcome());
            reference = drawnStrokes(clean);
        }
        try (PlotterConnection machine = sim("sim:speed=2")) {
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch midStroke = new java.util.concurrent.CountDownLatch(1), paused = new java.util.concurrent.CountDownLatch(1);
            GrblStreamer job = new GrblStreamer(machine, program(lines), profile(RX_BUFFER), LineHolds.none(), GrblTiming.DEFAULT, e -> {
                if (e instanceof JobEvent.Sent s) {
                    sent.set(s.lines());
                } else if (e instanceof JobEvent.Progress p && p.acknowledged() >= 6) {
                    midStroke.countDown(); // the first square's first sides are in
                } else if (e instanceof JobEvent.Paused) {
                    paused.countDown();
                }
            });
            job.start();
            assertTrue(midStroke.await(20, java.util.concurrent.TimeUnit.SECONDS));
            job.pauseAtPenUp();
            assertTrue(paused.await(20, java.util.concurrent.TimeUnit.SECONDS), "paused at a pen lift");
            int sentAtPause = sent.get();
            assertEquals("M3 S0", lines.get(sentAtPause - 1), "the last line sent lifts the pen");
            List<org.plotter.api.sketch.Polyline> atPause = drawnStrokes(machine);
            assertEquals(reference.subList(0, atPause.size()), atPause, "whole strokes only, in order");
            Thread.sleep(500);
            assertEquals(sentAtPause, sent.get(), "nothing sent while paused");
            assertEquals(atPause, drawnStrokes(machine), "nothing drawn while paused");
            job.resume();
            assertEquals(JobResult.Outcome.COMPLETED, job.await(WAIT).outcome());
            assertEquals(reference, drawnStrokes(machine), "everything, once");
        }
    }

    /**
     * The machine goes silent mid-job (its transmit line broken): the job pauses itself and says so, the machine
     * holds (it still hears the host); once it is heard again and the operator resumes, the job ends with every
     * move once, the answers lost meanwhile taken from its empty receive buffer.
     */
    @Test
    @Timeout(60)
    void aSilentMachinePausesTheJobWhichGoesOnWhenResumedOnceItIsHeardAgain() throws Exception {
        GrblTiming quick = quickLostReply(Duration.ofSeconds(2));
        List<String> lines = zigzag(300);
        try (WireTap wire = new WireTap(sim("sim:speed=4"))) {
            java.util.concurrent.CountDownLatch going = new java.util.concurrent.CountDownLatch(1), silent = new java.util.concurrent.CountDownLatch(1);
            List<JobEvent.MachineSilent> pauses = new CopyOnWriteArrayList<>();
            GrblStreamer job = new GrblStreamer(wire, program(lines), profile(RX_BUFFER), LineHolds.none(), quick, e -> {
                if (e instanceof JobEvent.Progress p && p.acknowledged() >= 50) {
                    going.countDown();
                } else if (e instanceof JobEvent.MachineSilent s) {
                    pauses.add(s);
                    silent.countDown();
                }
            });
            job.start();
            assertTrue(going.await(20, java.util.concurrent.TimeUnit.SECONDS));
            wire.mute(true);
            assertTrue(silent.await(10, java.util.concurrent.TimeUnit.SECONDS), "the job paused itself");
            assertEquals(Duration.ofSeconds(2), pauses.get(0).silentFor());
            double travelledAtPause = travelled(wire);
            Thread.sleep(1000);
            assertEquals(travelledAtPause, travelled(wire), 0.01, "the machine holds: it heard the feed hold");
            assertEquals(JobResult.Outcome.TIMED_OUT, job.await(Duration.ZERO).outcome(), "paused, not failed");
            wire.mute(false);
            job.resume();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result));
            assertEquals(travelledAfterEachLine(lines)[lines.size()], travelled(wire), 0.01, "every move once");
        }
    }

    /** Quick bounds for a job on the simulator: a lost reply after 1 s idle, silence after {@code silence}. */
    private static GrblTiming quickLostReply(Duration silence) {
        return new GrblTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1), silence, Duration.ofSeconds(30),
                Duration.ofSeconds(3));
    }

    private static double travelled(PlotterConnection machine) {
        var motion = machine.executionRecord().orElseThrow().motion();
        return motion.drawLength() + motion.travelLength();
    }

    private static List<org.plotter.api.sketch.Polyline> drawnStrokes(PlotterConnection machine) {
        return machine.executionRecord().orElseThrow().motion().paths().stream().filter(org.plotter.api.sketch.Polyline::penDown).toList();
    }
}
