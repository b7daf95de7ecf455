package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reach that is checked against the machine's travel ($130/$131) before a line is sent. */
class ProgramExtentTest {
    @Test
    void reachCountsMovesInTheProgramsUnitsAndModes() {
        ProgramExtent extent = ProgramExtent.of(List.of("G21 G90", "G0 X10 Y5", "G1 X40 Y5 F1500", "G91", "G1 Y20", "G20 G90", "G0 X-1 F100"));
        assertEquals(-25.4, extent.minX(), 1e-9);
        assertEquals(40, extent.maxX(), 1e-9);
        assertEquals(25, extent.maxY(), 1e-9);
        assertEquals(7, extent.widestXLine(), "the inch move to the left, last to widen X");
        assertEquals(2540, extent.maxFeed(), 1e-9, "F100 in inches per minute");
        assertEquals(7, extent.maxFeedLine());
    }

    /**
     * G92 renames the point the machine is at: the square after it is 100 mm right of its numbers. The X and Y
     * of G28 (an intermediate point), G53 (machine coordinates) and G10 (an origin) are not moves in the
     * program's coordinates; read as such they would refuse programs that fit, or pass ones that do not.
     */
    @Test
    void coordinateSettingAndHomingWordsAreNotMoves() {
        ProgramExtent extent = ProgramExtent.of(List.of("G21 G90", "G0 X100 Y0", "G92 X0 Y0", "G1 X50 Y50 F1000",
                "G28 X900 Y900", "G53 G0 X-500 Y0", "G10 L20 P1 X700", "G92.1", "G0 X0 Y0"));
        assertEquals(0, extent.minX(), 1e-9);
        assertEquals(150, extent.maxX(), 1e-9, "x 50 after G92 at x 100 is 150 from the start");
        assertEquals(50, extent.maxY(), 1e-9);
    }
}
