package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Sketch;

/** What must never reach a machine (NaN, zero-length moves, the wrong dwell unit) and what must be refused with reasons. */
class PlanningGuardsTest {
    private final PagePlanner planner = new PagePlanner();
    private final ProfileGcodeTranslator translator = new ProfileGcodeTranslator(planner);
    private final Placement a4 = Placement.fit(new PaperSizes().page("A4", 10));

    @TempDir
    Path dir;

    /** Each planning option does what it says, at 1 mm per unit from the page's corner. */
    @Test
    void planningOptionsOrderJoinSimplifyAndDropAsAsked() {
        Placement mm = Placement.at(a4.page(), new Point(0, 0), 1);
        // a 40 mm line with a midpoint 0.01 mm off the straight, then a 40 mm line starting 0.03 mm after its end,
        // then a 3 mm dash far away
        Sketch sketch = Sketch.fromStroke3(new float[][] {{20, 20, 0}, {20, 0.01f, 0}, {20, -0.01f, 1}, {0.03f, 0, 0}, {40, 0, 1},
            {0, 100, 0}, {3, 0, 1}});
        PlanOptions asDrawn = PlanOptions.DEFAULT.withOrder(PlanOptions.Order.AS_DRAWN);
        Drawing keepAll = planner.plan(List.of(sketch), List.of(mm), asDrawn.withMerge(0).withSimplify(0).withMinimumStep(0));
        assertEquals(3, keepAll.paths().size(), "no joins");
        assertEquals(3, keepAll.paths().get(0).points().size(), "the midpoint kept");
        Drawing simplified = planner.plan(List.of(sketch), List.of(mm), asDrawn.withMerge(0));
        assertEquals(2, simplified.paths().get(0).points().size(), "0.01 mm of detail is below the default 0.02 mm");
        Drawing joined = planner.plan(List.of(sketch), List.of(mm), asDrawn.withMerge(0.05));
        assertEquals(2, joined.paths().size(), "the two lines 0.03 mm apart are one stroke");
        Drawing noDash = planner.plan(List.of(sketch), List.of(mm), asDrawn.withMerge(0).withMinimumStep(5));
        assertEquals(2, noDash.paths().size(), "the 3 mm dash is shorter than a 5 mm minimum step");
        // ordering: improved never travels more than greedy, which never travels more than the drawing's own order here
        Point home = new Point(0, a4.page().height());
        double travelAsDrawn = StrokeOrder.travel(planner.plan(List.of(sketch), List.of(mm), asDrawn.withMerge(0)).paths(), home, home);
        double travelGreedy = StrokeOrder.travel(planner.plan(List.of(sketch), List.of(mm),
                PlanOptions.DEFAULT.withOrder(PlanOptions.Order.GREEDY).withMerge(0)).paths(), home, home);
        assertTrue(travelGreedy < travelAsDrawn, travelGreedy + " vs " + travelAsDrawn);
    }

    /** On a sheet, a sketch without strokes leaves its cell blank; a plan with nothing at all to draw is refused. */
    @Test
    void emptySketchesLeaveTheirCellsBlank() {
        List<Placement> cells = Placement.grid(a4.page(), 1, 2, 2);
        Sketch line = Sketch.fromStroke3(new float[][] {{10, 0, 0}, {30, 0, 1}});
        Sketch nothing = Sketch.fromStroke3(new float[0][]);
        Drawing half = planner.plan(List.of(nothing, line), cells, PlanOptions.DEFAULT);
        assertEquals(1, half.paths().size());
        assertTrue(half.paths().get(0).points().stream().allMatch(p -> p.x() > a4.page().width() / 2 - 1), "the line is in the second cell");
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> planner.plan(List.of(nothing, nothing), cells, PlanOptions.DEFAULT));
        assertTrue(none.getMessage().contains("none of the 2 sketches"), none.getMessage());
        InvalidInputException one = assertThrows(InvalidInputException.class, () -> planner.plan(nothing, a4));
        assertTrue(one.getMessage().contains("no strokes to draw"), one.getMessage());
    }

    @Test
    void hugeButFiniteOffsetsGiveFiniteGcode() {
        Sketch diagonal = Sketch.fromStroke3(new float[][] {{3e38f, 0, 0}, {3e38f, 3e38f, 0}, {1e30f, -1e30f, 1}});
        GcodeProgram program = translator.translate(diagonal, a4, ProfileGcodeTranslatorTest.profile("grbl-servo"));
        assertTrue(program.lines().stream().anyMatch(l -> l.startsWith("G1 X")));
        for (String line : program.lines()) {
            assertFalse(line.contains("NaN") || line.contains("Infinity"), line);
        }
    }

    @Test
    void zeroLengthMovesAreDroppedAndLongSketchesSimplified() {
        int n = 2_000_000;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            // a square's four sides, each point repeated: most offsets are zero
            int side = (i * 4 / n);
            boolean move = i % 500 == 0;
            float d = move ? 1f : 0f;
            rows[i] = new float[] {side == 0 ? d : side == 2 ? -d : 0, side == 1 ? d : side == 3 ? -d : 0, 0};
        }
        GcodeProgram program = translator.translate(Sketch.fromStroke3(rows), a4, ProfileGcodeTranslatorTest.profile("grbl-z"));
        long drawMoves = program.lines().stream().filter(l -> l.startsWith("G1 X")).count();
        assertTrue(drawMoves <= 8, "a square needs four sides, got " + drawMoves + " moves");
        String previous = "";
        for (String line : program.lines()) {
            assertFalse(line.startsWith("G1 X") && line.equals(previous), "a zero-length move: " + line);
            previous = line;
        }
        assertEquals(4 * 190, program.statistics().drawLength(), 1.0, "the square's perimeter survives simplification");
    }

    @Test
    void aFixedPlacementPutsTheStartPointWhereItIsAsked() {
        Sketch line = Sketch.fromStroke3(new float[][] {{0, 0, 0}, {10, 0, 1}});
        Drawing page = planner.plan(line, Placement.at(a4.page(), new Point(50, 60), 2.0));
        assertEquals(List.of(new Point(50, 60), new Point(70, 60)), page.paths().get(0).points());
        assertThrows(InvalidInputException.class, () -> planner.plan(line, Placement.at(a4.page(), new Point(200, 60), 2.0)));
    }

    @Test
    void rotationTurnsTheDrawingClockwiseOnThePage() {
        // a horizontal line, turned 90° clockwise, fills the page's height instead of its width
        Sketch line = Sketch.fromStroke3(new float[][] {{0, 0, 0}, {10, 0, 1}});
        // as drawn keeps each stroke's direction, so clockwise can be seen
        PlanOptions inOrder = PlanOptions.DEFAULT.withOrder(PlanOptions.Order.AS_DRAWN).withMerge(0);
        Drawing upright = planner.plan(List.of(line), List.of(a4.rotated(90)), inOrder);
        List<Point> points = upright.paths().get(0).points();
        assertEquals(points.get(0).x(), points.get(1).x(), 1e-9, "vertical");
        assertEquals(297 - 20, Math.abs(points.get(1).y() - points.get(0).y()), 1e-9, "fits the page's height inside the margins");
        assertTrue(points.get(1).y() > points.get(0).y(), "clockwise on the page: the line's end is below its start");
        Drawing fixed = planner.plan(List.of(line), List.of(Placement.at(a4.page(), new Point(50, 50), 2).rotated(180)), inOrder);
        assertEquals(List.of(new Point(50, 50), new Point(30, 50)), fixed.paths().get(0).points());
    }

    @Test
    void theDialectDecidesTheDwellUnit() throws IOException {
        Path marlin = Files.writeString(dir.resolve("marlin-servo.properties"), String.join("\n",
                "protocol=marlin", "rx.buffer.bytes=64", "work.width=300", "work.height=300", "pen.up=M280 P0 S90",
                "pen.down=M280 P0 S30", "pen.delay.ms=150", "feed.draw=3000", "feed.travel=6000",
                "gcode.dwell.unit=milliseconds", "gcode.end=M84", "serial.baud=250000"));
        FirmwareProfile profile = ProfileFile.read(marlin);
        assertEquals("250000", profile.protocol().setting("serial.baud").orElseThrow());
        List<String> lines = translator.translate(ProfileGcodeTranslatorTest.house(), a4, profile).lines();
        assertTrue(lines.contains("G4 P150"), "Marlin reads P as milliseconds");
        assertFalse(lines.contains("G4 P0.150"));
        assertEquals("M84", lines.get(lines.size() - 1));
        assertTrue(translator.translate(ProfileGcodeTranslatorTest.house(), a4, ProfileGcodeTranslatorTest.profile("grbl-servo"))
                .lines().contains("G4 P0.150"), "GRBL reads P as seconds");
    }

    @Test
    void aBadProfileNamesTheFileTheFieldAndWhy() throws IOException {
        String valid = "protocol=grbl\nrx.buffer.bytes=127\nwork.width=300\nwork.height=300\npen.up=M3 S0\npen.down=M3 S30\n"
                + "pen.delay.ms=150\nfeed.draw=3000\nfeed.travel=6000\n";
        String[][] cases = {
            {valid.replace("feed.draw=3000\n", ""), "'feed.draw' is missing"},
            {valid.replace("feed.draw=3000", "feed.draw=fast"), "'feed.draw' is not a number: fast"},
            {valid.replace("feed.draw=3000", "feed.draw=0"), "'feed.draw' must be positive"},
            {valid.replace("pen.delay.ms=150", "pen.delay.ms=-1"), "'pen.delay.ms' must not be negative"},
            {valid + "gcode.dwell.unit=fortnights\n", "'gcode.dwell.unit' must be seconds or milliseconds"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("bad.properties"), c[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ProfileFile.read(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
