package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Polyline;

/** Programs made elsewhere, followed as the machine would: strokes where the pen is down, the same estimate. */
class GcodeFileReaderTest {
    private final GcodeFileReader reader = new GcodeFileReader();

    @Test
    void ourOwnProgramReadsBackAsItsPlanWithTheSameStatistics() {
        for (String id : new String[] {"grbl-servo", "grbl-z", "marlin-servo"}) {
            FirmwareProfile profile = ProfileGcodeTranslatorTest.profile(id);
            GcodeProgram made = new ProfileGcodeTranslator(new PagePlanner())
                    .translate(ProfileGcodeTranslatorTest.house(), Placement.fit(new PaperSizes().page("A5", 10)), profile);
            GcodeProgram read = reader.read(made.lines(), profile);
            assertEquals(strokes(made), strokes(read), id);
            assertEquals(made.statistics(), read.statistics(), id);
        }
    }

    /** A full circle is a long move, not none: the estimate runs it as GRBL does, as short lines along the circle. */
    @Test
    void anArcTakesTheTimeOfItsLength() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        GcodeProgram circle = reader.read(List.of("G21", "G90", "G0 X50 Y50", "M3 S30", "G2 X50 Y50 I9 J0 F1500", "M3 S0"), servo);
        double atFeed = 2 * Math.PI * 9 / (1500 / 60.0); // 2.26 s at full feed; acceleration adds a little
        double estimated = circle.statistics().estimatedTime().toMillis() / 1000.0;
        double travel = Math.hypot(50, 50) / (servo.motion().travelFeed() / 60.0);
        assertTrue(estimated >= atFeed + travel && estimated < atFeed + travel + 1, "estimated " + estimated + " s");
    }

    private static List<Polyline> strokes(GcodeProgram program) {
        return program.planned().paths().stream().filter(Polyline::penDown).toList();
    }

    @Test
    void aForeignProgramWithAPenOnZIsReadByHeightInRelativeAndInchModesToo() {
        FirmwareProfile z = ProfileGcodeTranslatorTest.profile("grbl-z");
        List<String> lines = List.of("; made by another tool", "G21", "G90", "G0 Z5", "G0 X10 Y10", "G1 Z-0.5 F500",
                "G1 X20 Y10 F1000", "G91", "G1 Y10", "G90", "G0 Z5", "G20", "G0 X1 Y1", "G1 Z-0.02", "G1 X2", "G0 Z0.2", "G21", "G0 X0 Y0");
        GcodeProgram program = reader.read(lines, z);
        List<Polyline> strokes = strokes(program);
        assertEquals(2, strokes.size(), strokes.toString());
        assertEquals(20, strokes.get(0).length(), 1e-9, "10 mm along X, then 10 mm relative along Y");
        assertEquals(25.4, strokes.get(1).length(), 1e-9, "one inch");
        assertEquals(lines, program.lines(), "kept as they are: line numbers stay the file's");
        assertTrue(program.statistics().estimatedTime().toMillis() > 0);
    }

    /** The pen distance after each line counts pen-down moves only, in the program's units, and adds up to the drawing. */
    @Test
    void penDistanceAfterEachLineCountsOnlyWhatThePenDrew() {
        FirmwareProfile z = ProfileGcodeTranslatorTest.profile("grbl-z");
        List<String> lines = List.of("G21", "G90", "G0 X10 Y10", "G1 Z-0.5 F500", "G1 X20 Y10 F1000", "G91", "G1 Y10", "G90", "G0 Z5", "G0 X0 Y0");
        double[] drawn = reader.drawnAfterLines(lines, z);
        assertEquals(lines.size() + 1, drawn.length);
        assertEquals(0, drawn[4], 1e-9, "travel and the pen going down draw nothing");
        assertEquals(10, drawn[5], 1e-9);
        assertEquals(20, drawn[7], 1e-9, "a relative move counts its own length");
        assertEquals(20, drawn[lines.size()], 1e-9, "the way home is travel");
        assertEquals(strokes(reader.read(lines, z)).stream().filter(Polyline::penDown).mapToDouble(Polyline::length).sum(), drawn[lines.size()], 1e-9);
    }

    /**
     * Words that are not moves in the program's coordinates: G92 names the point where the machine is (the
     * square after it is drawn 100 mm to the right of where its numbers say), G28 goes home, G53 moves in the
     * machine's frame. Read as moves, G92 would draw a line to its numbers and G28 to its intermediate point.
     */
    @Test
    void coordinateSettingAndHomingAreFollowedAsTheMachineDoes() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        List<String> lines = List.of("G21 G90", "G0 X110 Y10", "G92 X10 Y10", "M3 S30", "G1 X20 Y10 F1000", "G1 X20 Y20", "M3 S0",
                "G92.1", "G53 G0 X150 Y40", "G28 X150 Y60", "M3 S30", "G1 X0 Y5", "M3 S0");
        GcodeProgram program = reader.read(lines, servo);
        List<Polyline> strokes = strokes(program);
        assertEquals(2, strokes.size(), strokes.toString());
        assertEquals(110, strokes.get(0).points().get(0).x(), 1e-9, "the G92 point is x = 110 in the frame the program began in");
        assertEquals(120, strokes.get(0).points().get(1).x(), 1e-9);
        assertEquals(20, strokes.get(0).length(), 1e-9);
        assertEquals(0, strokes.get(1).points().get(0).x(), 1e-9, "after G28 the machine is at its origin");
        assertEquals(5, strokes.get(1).length(), 1e-9, "from the origin, not from G28's intermediate point");
        InvalidInputException outside = assertThrows(InvalidInputException.class,
                () -> reader.read(List.of("G21 G90", "G0 X100 Y100", "G92 X0 Y0", "G1 X250 Y0 F1000"), servo));
        assertTrue(outside.getMessage().contains("moves to (350.000, 100.000) mm, outside the 300 x 300 mm work area"), outside.getMessage());
        InvalidInputException workOrigin = assertThrows(InvalidInputException.class,
                () -> reader.read(List.of("G21 G90", "G10 L2 P1 X5 Y5", "G0 X1 Y1"), servo));
        assertTrue(workOrigin.getMessage().contains("G10 sets the origin of a work coordinate system, which plotter does not follow"), workOrigin.getMessage());
        for (String[] unfollowed : new String[][] {{"G18", "selects a plane other than XY"}, {"G93 G1 X5 F2", "inverse time"}}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> reader.read(List.of("G21 G90", unfollowed[0]), servo));
            assertTrue(refused.getMessage().contains(unfollowed[1]), refused.getMessage());
        }
    }

    /** A G92 takes no time: the estimate of a square after one is the square's, not a trip to G92's numbers and back. */
    @Test
    void theEstimateMovesOnlyWhereTheMachineMoves() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        List<String> square = List.of("M3 S30", "G1 X60 Y50 F1000", "G1 X60 Y60", "G1 X50 Y60", "G1 X50 Y50", "M3 S0");
        List<String> plain = new java.util.ArrayList<>(List.of("G21 G90", "G0 X50 Y50"));
        plain.addAll(square);
        List<String> renamed = new java.util.ArrayList<>(List.of("G21 G90", "G0 X50 Y50", "G92 X250 Y250", "G92.1"));
        renamed.addAll(square);
        assertEquals(reader.read(plain, servo).statistics().estimatedTime(), reader.read(renamed, servo).statistics().estimatedTime());
    }

    @Test
    void whatCannotGoToTheMachineIsRefusedWithItsLine() {
        FirmwareProfile servo = ProfileGcodeTranslatorTest.profile("grbl-servo");
        InvalidInputException outside = assertThrows(InvalidInputException.class,
                () -> reader.read(List.of("G21 G90", "G0 X10 Y10", "G0 X310 Y10"), servo));
        assertTrue(outside.getMessage().startsWith("line 3 'G0 X310 Y10' moves to (310.000, 10.000) mm, outside the 300 x 300 mm work area"),
                outside.getMessage());
        InvalidInputException longLine = assertThrows(InvalidInputException.class,
                () -> reader.read(List.of("G21", "G0 X1." + "0".repeat(130) + " Y1 (a comment)"), servo));
        assertTrue(longLine.getMessage().startsWith("line 2 is 140 bytes without its comments"), longLine.getMessage());
        // comments are not sent: a long one does not make its line too long
        assertEquals(2, reader.read(List.of("G21", "G0 X1 Y1 (" + "x".repeat(130) + ")"), servo).lines().size());
        InvalidInputException unicode = assertThrows(InvalidInputException.class, () -> reader.read(List.of("G0 X1 Y1 ; größe"), servo));
        assertTrue(unicode.getMessage().startsWith("line 1 is not plain ASCII"), unicode.getMessage());
    }
}
