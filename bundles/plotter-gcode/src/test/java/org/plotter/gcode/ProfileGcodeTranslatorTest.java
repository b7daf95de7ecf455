package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Sketch;

/** Checks the emitted G-code line by line against the profile files shipped in firmware-profiles/. */
class ProfileGcodeTranslatorTest {
    private static final Pattern XY = Pattern.compile("X(-?[\\d.]+) Y(-?[\\d.]+)");
    /** Placement and pen states in the sketch's own stroke order; ordering is tested in StrokeOrderTest. */
    private final ProfileGcodeTranslator translator = new ProfileGcodeTranslator(new PagePlanner());
    private static final PaperSizes PAPER = new PaperSizes();

    /** A wide house: a 40 x 20 box, a roof, and a door drawn as a separate stroke. */
    static Sketch house() {
        return Sketch.fromStroke3(new float[][] {
            {0, 0, 0}, {40, 0, 0}, {0, 20, 0}, {-40, 0, 0}, {0, -20, 1},
            {0, 0, 0}, {20, -10, 0}, {20, 10, 1},
            {-25, 20, 0}, {0, -8, 0}, {5, 0, 0}, {0, 8, 1}});
    }

    /** A shipped profile, planning in the sketch's own order without joins, so strokes can be followed line by line. */
    static FirmwareProfile profile(String id) {
        return asDrawn(ProfileFile.read(Path.of("../../firmware-profiles", id + ".properties")));
    }

    static FirmwareProfile asDrawn(FirmwareProfile profile) {
        return profile.withPlanning(PlanOptions.DEFAULT.withOrder(PlanOptions.Order.AS_DRAWN).withMerge(0));
    }

    static PageSpec a4() {
        return PAPER.page("A4", 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grbl-servo", "grbl-z"})
    void everyMoveStaysInsideTheMarginsWithThePenInTheRightState(String id) throws IOException {
        FirmwareProfile profile = profile(id);
        PageSpec page = a4();
        GcodeProgram program = translator.translate(house(), Placement.fit(page), profile);

        boolean penDown = false;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        int drawMoves = 0;
        assertEquals("G21 G90", program.lines().get(0));
        for (String line : program.lines()) {
            if (profile.pen().down().contains(line)) {
                assertFalse(penDown, "pen lowered twice: " + line);
                penDown = true;
                continue;
            }
            if (profile.pen().up().contains(line)) {
                penDown = false;
                continue;
            }
            Matcher m = XY.matcher(line);
            if (!m.find()) {
                continue;
            }
            double x = Double.parseDouble(m.group(1)), y = Double.parseDouble(m.group(2));
            if (line.startsWith("G1")) {
                assertTrue(penDown, "drawing with the pen up: " + line);
                assertTrue(x >= page.margin() - 1e-3 && x <= page.width() - page.margin() + 1e-3, "x outside margins: " + line);
                assertTrue(y >= page.margin() - 1e-3 && y <= page.height() - page.margin() + 1e-3, "y outside margins: " + line);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                drawMoves++;
            } else {
                assertTrue(line.startsWith("G0"), line);
                assertFalse(penDown, "travelling with the pen down: " + line);
                assertTrue(x >= 0 && x <= page.width() && y >= 0 && y <= page.height(), "travel off the page: " + line);
            }
        }
        assertFalse(penDown, "the pen must end up");
        assertTrue(program.lines().get(program.lines().size() - 1).startsWith("G0 X0.000 Y0.000")
                || program.lines().stream().anyMatch(l -> l.equals("G0 X0.000 Y0.000")), "returns home");
        assertEquals(9, drawMoves, "one G1 per drawn segment: 4 box, 2 roof, 3 door");

        // aspect ratio 2:1 kept, the width fills the 190 mm area, and the drawing is centred
        double width = maxX - minX, height = maxY - minY;
        double areaWidth = page.width() - 2 * page.margin();
        assertEquals(areaWidth, width, 1e-2);
        assertEquals(width / 2 * 1.5, height, 1e-2, "house is 40 wide and 30 high including the roof");
        assertEquals(page.width() / 2, (minX + maxX) / 2, 1e-2);
        assertEquals(page.height() / 2, (minY + maxY) / 2, 1e-2);
        assertEquals(3, program.statistics().strokes());
    }

    @Test
    void servoPenDwellsAfterEveryPenMove() throws IOException {
        FirmwareProfile profile = profile("grbl-servo");
        var lines = translator.translate(house(), Placement.fit(a4()), profile).lines();
        for (int i = 0; i < lines.size(); i++) {
            if (profile.pen().down().contains(lines.get(i)) || profile.pen().up().contains(lines.get(i))) {
                assertEquals("G4 P0.150", lines.get(i + 1));
            }
        }
    }

    @Test
    void aPageLargerThanTheMachineIsRefused() throws IOException {
        FirmwareProfile profile = profile("grbl-servo");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> translator.translate(house(), Placement.fit(PAPER.page("A3", 10)), profile));
        assertTrue(e.getMessage().contains("does not fit the work area"), e.getMessage());
    }

    @Test
    void impossibleMarginsAndEmptySketchesAreRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> PAPER.page("A4", 120));
        assertThrows(IllegalArgumentException.class, () -> PAPER.page("B7", 10));
        FirmwareProfile profile = profile("grbl-z");
        assertThrows(IllegalArgumentException.class,
                () -> translator.translate(Sketch.fromStroke3(new float[][] {{5, 5, 1}}), Placement.fit(a4()), profile));
    }

    @Test
    void landscapeSwapsTheSides() {
        PageSpec landscape = PAPER.page("A4-landscape", 10);
        assertEquals(297, landscape.width());
        assertEquals(210, landscape.height());
    }
}
