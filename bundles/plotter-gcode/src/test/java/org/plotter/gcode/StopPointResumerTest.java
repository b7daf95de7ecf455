package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.gcode.ProgramResumer;
import org.plotter.api.gcode.Resumption;
import org.plotter.api.sketch.Polyline;

/** Where an interrupted program goes on: what was drawn before the stop and what the resumption draws add up to the program, once. */
class StopPointResumerTest {
    /** The preamble's move to the stop is written to 0.001 mm: the finished segment may differ by that much. */
    private static final double MOVE_ROUNDING = 0.001;
    private final StopPointResumer resumer = new StopPointResumer();
    private final GcodeFileReader reader = new GcodeFileReader();

    @Test
    void stoppingAfterAnyLineOrInsideAnyMoveDrawsEverySegmentOnce() {
        for (String id : new String[] {"grbl-servo", "grbl-z", "marlin-servo"}) {
            FirmwareProfile profile = ProfileGcodeTranslatorTest.profile(id);
            GcodeProgram program = new ProfileGcodeTranslator(new PagePlanner())
                    .translate(ProfileGcodeTranslatorTest.house(), Placement.fit(new PaperSizes().page("A6", 10)), profile);
            List<String> lines = program.lines();
            double whole = drawn(program);
            ProgramFollower follower = new ProgramFollower(profile);
            ProgramFollower.State before = follower.state();
            int partials = 0;
            for (int j = 0; j < lines.size(); j++) {
                ProgramFollower.State after = follower.step(lines.get(j));
                // stopped after line j (j lines executed): the journal knows it to within a few lines
                Resumption atEnd = resumer.resume(program, profile, Math.max(0, j - 4), j, before.x(), before.y());
                assertEquals(whole, drawnBefore(lines, j, profile, 0) + drawn(reader.read(atEnd.lines(), profile)), MOVE_ROUNDING,
                        id + ": stopped after line " + j + ", resumed after " + atEnd.executed());
                if (after.moved() && Math.hypot(after.x() - before.x(), after.y() - before.y()) > 1) {
                    // stopped a third of the way into line j + 1
                    double x = before.x() + (after.x() - before.x()) / 3, y = before.y() + (after.y() - before.y()) / 3;
                    Resumption inside = resumer.resume(program, profile, Math.max(0, j - 4), j + 1, x, y);
                    assertEquals(j, inside.executed(), id + " line " + (j + 1));
                    assertTrue(inside.partial());
                    assertEquals(inside.penDown(), after.penDown());
                    double partial = after.penDown() ? Math.hypot(x - before.x(), y - before.y()) : 0;
                    assertEquals(whole, drawnBefore(lines, j, profile, partial) + drawn(reader.read(inside.lines(), profile)), MOVE_ROUNDING,
                            id + ": stopped inside line " + (j + 1));
                    partials++;
                }
                before = after;
            }
            assertTrue(partials > 5, id + ": moves long enough to stop inside: " + partials);
        }
    }

    @Test
    void thePreambleLiftsThePenMovesToTheStopAndPutsThePenBackDown() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        List<String> lines = List.of("G21", "G90", "M3 S0", "G0 X10 Y10", "M3 S30", "G1 X40 Y10 F1500", "G1 X40 Y40", "M3 S0", "G0 X0 Y0");
        GcodeProgram program = reader.read(lines, servo);
        Resumption inside = resumer.resume(program, servo, 5, 7, 40, 25);
        assertEquals(6, inside.executed());
        assertEquals(List.of("G21", "G90", "M3 S0", "G0 X40.000 Y25.000", "M3 S30", "G1 F1500.0"), inside.preamble());
        assertEquals(lines.subList(6, lines.size()), inside.rest(), "line 7 again: from the stop it finishes its own segment");
        assertEquals(6, inside.programLines(6), "the preamble is not the program's: still 6 lines done");
        assertEquals(7, inside.programLines(7));
    }

    @Test
    void aProgramPauseIsABarrierTheMachineCannotHavePassed() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        // the pen change parks at the origin, where the program also started: only the journal's bound tells them apart
        List<String> lines = List.of("G21", "G90", "M3 S30", "G1 X20 Y0 F1000", "M3 S0", "G0 X0 Y0", "M0 ; pen 2", "M3 S30", "G1 X0 Y20", "M3 S0");
        GcodeProgram program = reader.read(lines, servo);
        Resumption held = resumer.resume(program, servo, 4, lines.size(), 0, 0);
        assertEquals(6, held.executed(), "the pause is sent again, so the operator is asked again");
        assertEquals("M0 ; pen 2", held.rest().get(0));
        Resumption passed = resumer.resume(program, servo, 7, lines.size(), 0, 20);
        assertEquals(10, passed.executed(), "the second stroke is drawn; only its pen lift, at the same point, is left");
        assertTrue(passed.rest().isEmpty());
    }

    /**
     * A closed stroke begins and ends at one point. A machine that ran everything it had (the host went away)
     * is at the latest visit; one whose queue was thrown away (a reset, a safe stop) got no further than the
     * earliest after the lines surely run. Either way the drawing comes out whole, once.
     */
    @Test
    void whatBecameOfTheQueueTellsWhichVisitOfAPointTheMachineIsAt() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        List<String> lines = List.of("G21", "G90", "M3 S0", "G0 X10 Y10", "M3 S30", "G1 X20 Y10 F1500", "G1 X20 Y20", "G1 X10 Y10", "M3 S0",
                "G0 X0 Y0");
        GcodeProgram program = reader.read(lines, servo);
        Resumption ran = resumer.resume(program, servo, 3, 9, 10, 10, ProgramResumer.QueueFate.RAN);
        assertEquals(9, ran.executed(), "the triangle and its pen lift ran: what is left is the way home");
        Resumption dropped = resumer.resume(program, servo, 3, 9, 10, 10, ProgramResumer.QueueFate.DISCARDED);
        assertEquals(4, dropped.executed(), "stopped before the triangle: it is drawn after the pen goes down again");
        double whole = drawn(program);
        assertEquals(whole, drawn(reader.read(dropped.lines(), servo)), 1e-9, "nothing of the triangle drawn yet: all of it to come");
        assertEquals(0, drawn(reader.read(ran.lines(), servo)), 1e-9, "all of it drawn already: none to come");
    }

    @Test
    void aMachineThatIsNotOnThePathIsRefused() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        GcodeProgram program = reader.read(List.of("G21", "G90", "M3 S30", "G1 X20 Y0 F1000", "G1 X20 Y20", "M3 S0"), servo);
        InvalidInputException moved = assertThrows(InvalidInputException.class, () -> resumer.resume(program, servo, 2, 6, 5, 5));
        assertTrue(moved.getMessage().startsWith("the machine is at (5.000, 5.000) mm, which is not on the program's path between line 2 and line 6"),
                moved.getMessage());
        assertFalse(resumer.resume(program, servo, 2, 6, 20, 20).partial());
    }

    /**
     * After a G92 the machine reports positions in coordinates that depend on where it really was then, and
     * GRBL's reset forgets them, so the rest sent again would land elsewhere: a stop after one is refused,
     * naming the line, even for G92 X0 Y0; so is one after a G55 (offsets stored in the machine, and a reset
     * goes back to G54). A stop before them is found as usual.
     */
    @Test
    void aStopAfterTheProgramGaveItselfNewCoordinatesIsRefused() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        List<String> lines = List.of("G21 G90", "M3 S30", "G1 X20 Y0 F1000", "M3 S0", "G0 X50 Y50", "G92 X0 Y0",
                "M3 S30", "G1 X10 Y0", "M3 S0");
        GcodeProgram program = reader.read(lines, servo);
        assertEquals(4, resumer.resume(program, servo, 2, 5, 20, 0).executed(), "stopped after the first stroke, before the G92");
        InvalidInputException renamed = assertThrows(InvalidInputException.class, () -> resumer.resume(program, servo, 6, 8, 55, 50));
        assertTrue(renamed.getMessage().startsWith("line 6 ('G92 X0 Y0') gives the program coordinates that depend on where the machine was"),
                renamed.getMessage());
        GcodeProgram otherFrame = reader.read(List.of("G21 G90 G55", "M3 S30", "G1 X20 Y0 F1000", "M3 S0"), servo);
        InvalidInputException g55 = assertThrows(InvalidInputException.class, () -> resumer.resume(otherFrame, servo, 2, 4, 20, 0));
        assertTrue(g55.getMessage().startsWith("line 1 ('G21 G90 G55')"), g55.getMessage());
    }

    /**
     * Arcs, as files made elsewhere have them: a G2 by centre offset, a G3 by radius, a modal G3 without its
     * G-word. They are drawn as arcs, and a stop inside one goes on around the same centre: sent again as written,
     * its I/J would be taken from the stop, not from where the arc began.
     */
    @Test
    void arcsAreFollowedAndAStopInsideOneGoesOnAroundItsCentre() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        List<String> lines = List.of("G21", "G90", "M3 S0", "G0 X50 Y50", "M3 S30",
                "G2 X90 Y50 I20 J0 F1000", // clockwise half circle over the top, centre (70, 50)
                "G3 X130 Y50 R20", // counter-clockwise half circle below, centre (110, 50)
                "X150 Y70 R20", // still G3: a quarter circle, centre (130, 70)
                "G1 X150 Y100", "M3 S0");
        GcodeProgram program = reader.read(lines, servo);
        double whole = drawn(program);
        // chords within 0.01 mm of a 20 mm circle are 0.017 % shorter than it: 0.026 mm over these arcs
        assertEquals(2.5 * Math.PI * 20 + 30, whole, 0.05, "drawn along the arcs (their chords would be 40 + 40 + 28 mm)");
        double top = program.planned().paths().stream().filter(Polyline::penDown).flatMap(p -> p.points().stream())
                .filter(p -> p.x() < 90).mapToDouble(org.plotter.api.sketch.Point::y).max().orElseThrow();
        assertEquals(70, top, 0.01, "the first half circle reaches its top");

        // stopped 60 degrees into the first arc, at 120 degrees round its centre
        double x = 70 + 20 * Math.cos(Math.toRadians(120)), y = 50 + 20 * Math.sin(Math.toRadians(120));
        Resumption inside = resumer.resume(program, servo, 5, 6, x, y);
        assertTrue(inside.partial());
        assertEquals(5, inside.executed());
        assertEquals("G2 X90.0000 Y50.0000 I10.0000 J-17.3205 F1000.0", inside.rest().get(0), "the rest of the arc, around (70, 50)");
        double before = drawnBefore(lines, 5, servo, 20 * Math.toRadians(60));
        assertEquals(whole, before + drawn(reader.read(inside.lines(), servo)), 0.05, "every part of every arc once");

        // stopped where the G3 by radius ended: the next line moves in G3 without saying so
        Resumption after = resumer.resume(program, servo, 6, 8, 130, 50);
        assertFalse(after.partial());
        assertEquals("G3 X150 Y70 R20", after.rest().get(0), "the arc mode named: the preamble's G1 would have drawn a line");
        assertEquals(whole, drawnBefore(lines, 7, servo, 0) + drawn(reader.read(after.lines(), servo)), 0.05);

        assertThrows(InvalidInputException.class, () -> resumer.resume(program, servo, 5, 6, 70, 50),
                "the centre of the circle is not on the path");

        // both ends inside the work area, the arc between them not: clockwise round (10, 200) it swings to x = -40
        InvalidInputException bulge = assertThrows(InvalidInputException.class,
                () -> reader.read(List.of("G21", "G90", "G0 X10 Y150", "G2 X10 Y250 I0 J50"), servo));
        assertTrue(bulge.getMessage().startsWith("line 4 'G2 X10 Y250 I0 J50' moves to (-"), bulge.getMessage());
    }

    /** Pen-down length of the program's first {@code n} lines, plus what was drawn of the next. */
    private double drawnBefore(List<String> lines, int n, FirmwareProfile profile, double partial) {
        return (n == 0 ? 0 : drawn(reader.read(lines.subList(0, n), profile))) + partial;
    }

    private static double drawn(GcodeProgram program) {
        return program.planned().paths().stream().filter(Polyline::penDown).mapToDouble(Polyline::length).sum();
    }
}
