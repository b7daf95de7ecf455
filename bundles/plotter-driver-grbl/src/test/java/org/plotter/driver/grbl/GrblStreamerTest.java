package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.plotter.api.Drawing;
import org.plotter.api.GcodeProgram;
import org.plotter.api.JobEvent;
import org.plotter.api.JobResult;
import org.plotter.api.PlotStatistics;
import org.plotter.api.PlotterConnection;
import org.plotter.driver.sim.SimConnectionFactory;

/** The GRBL streamer against the real simulated controller (no mocks). */
class GrblStreamerTest {
    private static final int RX_BUFFER = 127;
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    void aMoveOutsideTheMachineRaisesASoftLimitAlarm() throws Exception {
        List<String> lines = List.of("G21 G90", "G0 X10 Y10", "G0 X500 Y10", "G0 X0 Y0");
        try (PlotterConnection sim = sim("sim:")) {
            JobResult result = new GrblDriverForTest(RX_BUFFER).start(sim, program(lines), e -> { }).await(WAIT);
            assertEquals(JobResult.Outcome.FAILED, result.outcome());
            assertEquals("ALARM:2", result.failure().orElseThrow().code());
            assertTrue(result.failure().orElseThrow().message().contains("soft limit"));
        }
    }

    @Test
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
    void cancelStopsTheStream() throws Exception {
        try (PlotterConnection sim = sim("sim:speed=20")) {
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            var job = new GrblDriverForTest(RX_BUFFER).start(sim, program(zigzag(300)), events::add);
            waitFor(() -> acknowledged(events) > 5);
            job.cancel();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.CANCELLED, result.outcome());
            assertTrue(result.linesAcknowledged() < 300);
        }
    }

    private static int acknowledged(List<JobEvent> events) {
        int n = 0;
        for (JobEvent e : events) {
            if (e instanceof JobEvent.Progress p) {
                n = Math.max(n, p.acknowledged());
            }
        }
        return n;
    }

    private static String lastState(List<JobEvent> events) {
        String state = "";
        for (JobEvent e : events) {
            if (e instanceof JobEvent.Status s) {
                state = s.state();
            }
        }
        return state;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
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
        org.plotter.api.PlotJob start(PlotterConnection c, GcodeProgram p, org.plotter.api.JobListener l) {
            GrblStreamer streamer = new GrblStreamer(c, p, rxBufferBytes, GrblStreamer.Timing.DEFAULT, l);
            streamer.start();
            return streamer;
        }
    }
}
