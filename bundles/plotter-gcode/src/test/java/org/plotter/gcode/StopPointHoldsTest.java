package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.Placement;
import org.plotter.api.gcode.ProgramResumer.QueueFate;
import org.plotter.api.gcode.Resumption;
import org.plotter.api.sketch.Sketch;

/**
 * With the lines the sender holds back, every stop the journal's bounds allow is found where it is: the
 * drawing before the stop the resumer reports equals the drawing before the true stop. Without them the same
 * search mistakes stops in closed and crossing strokes, which shows the check can fail.
 */
class StopPointHoldsTest {
    private static final FirmwareProfile PROFILE = ProfileGcodeTranslatorTest.profile("grbl-servo");
    /** The resumer's report is written to 0.001 mm, and a loop smaller than this may be taken for its other end. */
    private static final double INK_SLACK_MM = 2 * StopPointHolds.UNSEEN_LOOP_MM + 0.01;
    /** The most lines a machine holds unrun here: more than GRBL's planner and receive buffer take of these lines. */
    private static final int WINDOW = 30;

    private final StopPointResumer resumer = new StopPointResumer();

    @Test
    void aClosedStrokesLastLineWaitsForItsFirst() {
        List<String> lines = List.of("G21", "G90", "M3 S0", "G0 X10 Y10", "M3 S30",
                "G1 X20 Y10 F1000", "G1 X20 Y20", "G1 X10 Y20", "G1 X10 Y10", "M3 S0", "G0 X40 Y0");
        LineHolds holds = resumer.holds(program(lines), PROFILE);
        // line 9 closes the square at line 4's point, which line 6 starts from: it waits until line 6 has run
        assertEquals(6, holds.mustHaveRun(9));
        // corners, the pen and the travel away come back to nothing
        assertEquals(1, holds.count(), () -> listed(holds, lines.size()));
    }

    @Test
    void aCrossingWaitsForTheLineItCrossesAndAnOpenZigzagForNothing() {
        List<String> crossing = List.of("G21", "G90", "M3 S0", "G0 X0 Y0", "M3 S30", "G1 X10 Y10 F1000", "G1 X10 Y0", "G1 X0 Y10", "M3 S0");
        LineHolds holds = resumer.holds(program(crossing), PROFILE);
        assertEquals(6, holds.mustHaveRun(8)); // it crosses line 6 at (5, 5)
        assertEquals(1, holds.count());

        List<String> zigzag = List.of("G21", "G90", "M3 S0", "G0 X0 Y0", "M3 S30", "G1 X10 Y0 F1000", "G1 X10 Y1", "G1 X0 Y1", "G1 X0 Y2",
                "G1 X10 Y2", "M3 S0", "G0 X0 Y0");
        // rows 1 mm apart, and the travel home passes over drawing that ran long before it may be queued: held only for that
        LineHolds zigzagHolds = resumer.holds(program(zigzag), PROFILE);
        assertEquals(0, zigzagHolds.mustHaveRun(7) + zigzagHolds.mustHaveRun(8) + zigzagHolds.mustHaveRun(10));
        assertTrue(zigzagHolds.mustHaveRun(12) > 0, "the travel back crosses the rows it left");
    }

    @Test
    void aSpikeSmallerThanAPenLineIsNotHeldAndALongerOneIs() {
        List<String> spikes = List.of("G21", "G90", "G0 X0 Y0", "M3 S30", "G1 X10 Y0 F1000", "G1 X0 Y0.3",
                "G1 X0 Y10", "G1 X0.5 Y10.5", "G1 X0 Y10");
        LineHolds holds = resumer.holds(program(spikes), PROFILE);
        assertEquals(5, holds.mustHaveRun(6), "back along a 10 mm line: a stop on the way back looks like one on the way out");
        assertEquals(0, holds.mustHaveRun(9), "a 0.7 mm spike");
    }

    @Test
    void withTheHoldsEveryStopIsFoundAndWithoutThemSomeAreNot() {
        List<List<String>> programs = List.of(
                translated(ProfileGcodeTranslatorTest.house()),
                translated(squares(6, 3)),
                List.of("G21", "G90", "M3 S0", "G0 X0 Y0", "M3 S30", "G1 X10 Y10 F1000", "G1 X10 Y0", "G1 X0 Y10", "G1 X0 Y0", "M3 S0",
                        "G0 X30 Y10", "M3 S30", "G2 X40 Y10 I5 J0", "G2 X30 Y10 I-5 J0", "G1 X35 Y20", "M3 S0", "G0 X0 Y0"));
        for (List<String> lines : programs) {
            GcodeProgram program = program(lines);
            assertEquals(0, mistakes(program, resumer.holds(program, PROFILE)), String.join("\n", lines));
        }
        int mistakesWithout = programs.stream().mapToInt(lines -> mistakes(program(lines), LineHolds.none())).sum();
        assertTrue(mistakesWithout > 0, "without holds the search mistakes some stops");
    }

    @Test
    void holdsMovedToTheRestOfAProgramWaitForTheSameLines() {
        LineHolds holds = LineHolds.of(new int[] {0, 0, 0, 1, 3, 0});
        LineHolds rest = holds.after(2, 5); // lines 3.. of the program follow 5 lines of a preamble
        assertEquals(0, rest.mustHaveRun(6), "line 3 of the program waits for nothing");
        assertEquals(0, rest.mustHaveRun(7), "line 4 waited for line 1, which ran before the rest");
        assertEquals(6, rest.mustHaveRun(8), "line 5 waits for line 3, now line 6");
        assertFalse(rest.mustHaveRun(9) > 0);
    }

    /**
     * Every stop the journal's bounds allow with these holds, wrongly found: with the machine having run {@code e}
     * lines surely and been sent {@code s}, each line sent no earlier than its hold allowed. A machine that ran its
     * queue stopped at a line's end; one whose queue was thrown away anywhere on the path since line {@code e}.
     */
    private int mistakes(GcodeProgram program, LineHolds holds) {
        List<String> lines = program.lines();
        List<ProgramFollower.State> after = new ProgramFollower(PROFILE).follow(lines);
        double[] inkUpTo = inkUpTo(after);
        int mistakes = 0;
        for (int e = 0; e < lines.size(); e++) {
            int mostHeld = 0;
            for (int s = e + 1; s <= Math.min(lines.size(), e + WINDOW); s++) {
                mostHeld = Math.max(mostHeld, holds.mustHaveRun(s));
                if (mostHeld > e) {
                    break; // line s could not have been sent before line mostHeld had run
                }
                for (int r = e; r <= s; r++) {
                    ProgramFollower.State stop = after.get(r);
                    mistakes += Math.abs(found(program, e, s, stop.x(), stop.y(), QueueFate.RAN, inkUpTo, after) - inkUpTo[r]) <= INK_SLACK_MM ? 0 : 1;
                    if (r > e && after.get(r).moved()) {
                        ProgramFollower.State from = after.get(r - 1);
                        for (double t : new double[] {0.3, 0.7}) {
                            double x = from.x() + t * (stop.x() - from.x()), y = from.y() + t * (stop.y() - from.y());
                            if (stop.arc() != null) {
                                continue; // a straight-line point is not on an arc
                            }
                            double truth = inkUpTo[r - 1] + (stop.penDown() ? t * stop.lengthFrom(from) : 0);
                            mistakes += Math.abs(found(program, e, s, x, y, QueueFate.DISCARDED, inkUpTo, after) - truth) <= INK_SLACK_MM ? 0 : 1;
                        }
                    }
                }
            }
        }
        return mistakes;
    }

    /** The drawing before the stop the resumer finds. */
    private double found(GcodeProgram program, int e, int s, double x, double y, QueueFate fate, double[] inkUpTo,
                         List<ProgramFollower.State> after) {
        Resumption at = resumer.resume(program, PROFILE, e, s, x, y, fate);
        if (!at.partial()) {
            return inkUpTo[at.executed()];
        }
        ProgramFollower.State from = after.get(at.executed()), line = after.get(at.executed() + 1);
        double part = line.arc() != null ? line.arc().length(from.x(), from.y(), x, y) : Math.hypot(x - from.x(), y - from.y());
        return inkUpTo[at.executed()] + (line.penDown() ? part : 0);
    }

    private static String listed(LineHolds holds, int lines) {
        StringBuilder held = new StringBuilder();
        for (int n = 1; n <= lines; n++) {
            if (holds.mustHaveRun(n) > 0) {
                held.append(" line ").append(n).append(" waits for ").append(holds.mustHaveRun(n));
            }
        }
        return held.toString();
    }

    private static double[] inkUpTo(List<ProgramFollower.State> after) {
        double[] ink = new double[after.size()];
        for (int m = 1; m < after.size(); m++) {
            ProgramFollower.State state = after.get(m);
            ink[m] = ink[m - 1] + (state.penDown() && state.moved() ? state.lengthFrom(after.get(m - 1)) : 0);
        }
        return ink;
    }

    /** {@code count} squares of {@code size} mm in a row, each a closed stroke. */
    private static Sketch squares(int size, int count) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new float[] {i == 0 ? 0 : 2 * size, 0, 0}); // the start: the first point, or a travel past the last square
            rows.add(new float[] {size, 0, 0});
            rows.add(new float[] {0, size, 0});
            rows.add(new float[] {-size, 0, 0});
            rows.add(new float[] {0, -size, 1});
        }
        return Sketch.fromStroke3(rows.toArray(float[][]::new));
    }

    private static List<String> translated(Sketch sketch) {
        return new ProfileGcodeTranslator(new PagePlanner()).translate(sketch, Placement.fit(new PaperSizes().page("A6", 10)), PROFILE).lines();
    }

    private static GcodeProgram program(List<String> lines) {
        return new GcodeFileReader().read(lines, PROFILE);
    }
}
