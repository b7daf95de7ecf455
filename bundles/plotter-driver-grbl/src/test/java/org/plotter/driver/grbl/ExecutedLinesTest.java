package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which acknowledged lines have run, from status reports' state and free planner blocks. */
class ExecutedLinesTest {
    private static GrblStatus report(String text) {
        return GrblStatus.parse(text).orElseThrow();
    }

    private static List<String> moves(int n) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", "M3 S30"));
        for (int i = 1; i <= n; i++) {
            lines.add("G1 X" + i + " Y0 F3000");
        }
        return lines;
    }

    @Test
    void queuedMovesAndTheLinesAfterTheEarliestOfThemHaveNotRun() {
        ExecutedLines executed = new ExecutedLines(moves(30));
        assertEquals(0, executed.after(report("<Run|MPos:1.000,0.000,0.000|Bf:5,0|FS:3000,30>"), 22), "the planner's size is not known yet");
        assertEquals(0, executed.after(report("<Idle|MPos:0.000,0.000,0.000|Bf:15,127|FS:0,0>"), 0));
        // 22 acknowledged, 10 blocks in use: the last 10 moves (lines 13 to 22) may not have run
        assertEquals(12, executed.after(report("<Run|MPos:1.000,0.000,0.000|Bf:5,0|FS:3000,30>"), 22));
        assertEquals(22, executed.after(report("<Idle|MPos:20.000,0.000,0.000|Bf:15,127|FS:0,0>"), 22), "idle, planner empty: all ran");
    }

    /** GRBL fills its planner from a full receive buffer before it starts the cycle, and may report Idle meanwhile. */
    @Test
    void anIdleReportWithMovesStillQueuedDoesNotCountThemAsRun() {
        ExecutedLines executed = new ExecutedLines(moves(30));
        assertEquals(0, executed.after(report("<Idle|MPos:0.000,0.000,0.000|Bf:15,127|FS:0,0>"), 0));
        assertEquals(2, executed.after(report("<Idle|MPos:0.000,0.000,0.000|Bf:0,40|FS:0,0>"), 17), "15 moves queued, none run");
        assertEquals(17, executed.after(report("<Idle|MPos:15.000,0.000,0.000|Bf:15,127|FS:0,0>"), 17));
    }

    @Test
    void withoutBufferReportsOnlyIdleTells() {
        ExecutedLines executed = new ExecutedLines(moves(30));
        assertEquals(0, executed.after(report("<Run|MPos:1.000,0.000,0.000|FS:3000,30>"), 22));
        assertEquals(22, executed.after(report("<Idle|MPos:20.000,0.000,0.000|FS:0,0>"), 22));
    }
}
