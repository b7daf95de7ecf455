package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.sketch.Polyline;
import org.plotter.gcode.StopPointResumer;

/**
 * A line held for a resume's sake (a square's closing side comes back to the corner its first side left) goes
 * to the simulated GRBL only after the line it waits for has been reported run; the drawing is the same.
 */
@Timeout(120)
class HeldLinesTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final FirmwareProfile PROFILE = GrblStreamerTest.profile(127);

    @Test
    void aHeldLineGoesOutOnlyAfterTheLineItWaitsForHasRun() throws Exception {
        List<String> lines = GrblFaultTest.squares(4);
        GcodeProgram program = GrblStreamerTest.program(lines);
        LineHolds holds = new StopPointResumer().holds(program, PROFILE);
        // each square's closing side, and each travel to the next square, which runs along the bottom side just drawn
        assertEquals(4 + 3, holds.count());

        List<JobEvent> held = stream(program, holds);
        assertEquals(List.of(), sentTooEarly(held, holds, lines.size()));

        // the same program without holds: the closing sides go out while their squares' first sides are queued
        List<JobEvent> free = stream(program, LineHolds.none());
        assertTrue(sentTooEarly(free, holds, lines.size()).size() > 0, "without holds the check would fail");
    }

    /** Streams to a simulated GRBL that moves in real time, and returns the job's events in the order they came. */
    private static List<JobEvent> stream(GcodeProgram program, LineHolds holds) throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        List<Polyline> reference;
        try (PlotterConnection clean = GrblStreamerTest.sim("sim:")) {
            new GrblStreamerTest.GrblDriverForTest(127).start(clean, program, e -> { }).await(WAIT);
            reference = drawn(clean);
        }
        try (PlotterConnection machine = GrblStreamerTest.sim("sim:speed=1")) {
            GrblStreamer job = new GrblStreamer(machine, program, PROFILE, holds, GrblTiming.DEFAULT, events::add);
            job.start();
            JobResult result = job.await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), () -> String.valueOf(result.failure()));
            assertEquals(reference, drawn(machine), "every stroke drawn once, in order");
        }
        return events;
    }

    /** The held lines that went out before the listener heard that the line they wait for had run. */
    private static List<Integer> sentTooEarly(List<JobEvent> events, LineHolds holds, int lines) {
        int ran = 0;
        List<Integer> early = new java.util.ArrayList<>();
        for (JobEvent event : events) {
            if (event instanceof JobEvent.Executed executed) {
                ran = Math.max(ran, executed.lines());
            } else if (event instanceof JobEvent.Sent sent && holds.mustHaveRun(sent.lines()) > ran) {
                early.add(sent.lines());
            }
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof JobEvent.Sent s && s.lines() == lines), "every line sent");
        return early;
    }

    private static List<Polyline> drawn(PlotterConnection machine) {
        return machine.executionRecord().orElseThrow().motion().paths().stream().filter(Polyline::penDown).toList();
    }
}
