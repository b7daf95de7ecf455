package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;

/** Time left: the estimate while the machine keeps to it, the actual pace when it is slower. */
class ProgressReporterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void remainingFollowsTheEstimateThenTheActualPace() {
        ProgressReporter progress = new ProgressReporter(new PrintWriter(new StringWriter()), false, Duration.ofSeconds(100), new double[0]);
        assertEquals(Duration.ofSeconds(90), progress.remaining(0, 1000, 10 * SECOND), "nothing acknowledged yet: the estimate");
        assertEquals(Duration.ofSeconds(50), progress.remaining(500, 1000, 50 * SECOND), "on pace");
        assertEquals(Duration.ofSeconds(70), progress.remaining(500, 1000, 30 * SECOND), "ahead of the lines: the estimate still bounds it");
        assertEquals(Duration.ofSeconds(80), progress.remaining(500, 1000, 80 * SECOND), "slower than estimated: half took 80 s, so 80 s more");
        assertEquals(Duration.ZERO, progress.remaining(1000, 1000, 120 * SECOND));
    }

    @Test
    void penDistanceFollowsTheLinesTheMachineRan() {
        // a travel, then 10 mm and 5 mm drawn, then a lift
        double[] drawnAfter = {0, 0, 10, 15, 15};
        ProgressReporter progress = new ProgressReporter(new PrintWriter(new StringWriter()), false, Duration.ofSeconds(10), drawnAfter);
        assertEquals("0 of 15 mm drawn", progress.penDistance());
        progress.onEvent(new JobEvent.Executed(2));
        assertEquals("10 of 15 mm drawn", progress.penDistance());
        progress.onEvent(new JobEvent.Executed(1));
        assertEquals("10 of 15 mm drawn", progress.penDistance(), "a late, lower report does not go back");
        progress.onEvent(new JobEvent.Finished(new JobResult(JobResult.Outcome.COMPLETED, 4, Optional.empty(), Duration.ofSeconds(1), Optional.empty())));
        assertEquals("15 of 15 mm drawn", progress.penDistance());
    }
}
