package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Ordering changes the order and direction of strokes, never what is drawn, and never makes travel longer. */
class StrokeOrderTest {
    private static final Point HOME = new Point(0, 0);

    /** Drawn segments as unordered pairs of end points, counted: the same multiset before and after. */
    private static Map<String, Integer> segments(List<Polyline> strokes) {
        Map<String, Integer> counts = new HashMap<>();
        for (Polyline s : strokes) {
            for (int i = 1; i < s.points().size(); i++) {
                Point a = s.points().get(i - 1), b = s.points().get(i);
                String key = a.x() < b.x() || (a.x() == b.x() && a.y() <= b.y()) ? a + "|" + b : b + "|" + a;
                counts.merge(key, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<Polyline> randomStrokes(SplittableRandom random, int count) {
        List<Polyline> strokes = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<Point> points = new ArrayList<>();
            double x = random.nextDouble(200), y = random.nextDouble(280);
            for (int p = 0; p < 2 + random.nextInt(5); p++) {
                points.add(new Point(x, y));
                x += random.nextDouble(-10, 10);
                y += random.nextDouble(-10, 10);
            }
            strokes.add(new Polyline(points, true));
        }
        return strokes;
    }

    @Test
    void theDrawnSegmentsAreUnchangedAndTravelNeverGrows() {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 20; trial++) {
            List<Polyline> strokes = randomStrokes(random, 1 + random.nextInt(120));
            List<Polyline> greedy = StrokeOrder.greedy(strokes, HOME, HOME);
            List<Polyline> improved = StrokeOrder.optimised(strokes, HOME, HOME);
            assertEquals(segments(strokes), segments(greedy), "greedy, trial " + trial);
            assertEquals(segments(strokes), segments(improved), "improved, trial " + trial);
            assertEquals(strokes.size(), improved.size());
            assertTrue(StrokeOrder.travel(improved, HOME, HOME) <= StrokeOrder.travel(greedy, HOME, HOME) + 1e-9, "trial " + trial);
        }
    }

    @Test
    void strokesAlongALineDrawnAlternatelyAreReversedIntoOneSweep() {
        // five 10 mm dashes along y = 0, every other one drawn right to left, shuffled
        List<Polyline> dashes = new ArrayList<>();
        for (int d : new int[] {3, 0, 4, 1, 2}) {
            Point a = new Point(20 * d + 10, 0), b = new Point(20 * d + 20, 0);
            dashes.add(new Polyline(d % 2 == 0 ? List.of(b, a) : List.of(a, b), true));
        }
        List<Polyline> improved = StrokeOrder.optimised(dashes, HOME, HOME);
        // the best tour: out along the line, dashes left to right with 10 mm gaps, and straight back
        assertEquals(10 + 4 * 10 + 100, StrokeOrder.travel(improved, HOME, HOME), 1e-9);
    }

    @Test
    void thePlannerJoinsStrokesThatMeetAndShortensTravel() {
        Placement a4 = Placement.fit(new PaperSizes().page("A4", 10));
        Drawing asDrawn = new PagePlanner().plan(List.of(ProfileGcodeTranslatorTest.house()), List.of(a4), PlanOptions.DEFAULT.withOrder(PlanOptions.Order.AS_DRAWN).withMerge(0));
        Drawing planned = new PagePlanner().plan(ProfileGcodeTranslatorTest.house(), a4);
        assertEquals(3, asDrawn.paths().size());
        assertEquals(2, planned.paths().size(), "the roof starts where the box ends: one pen lift fewer");
        assertEquals(segments(asDrawn.paths()), segments(planned.paths()));
        Point home = new Point(0, 297);
        assertTrue(StrokeOrder.travel(planned.paths(), home, home) < StrokeOrder.travel(asDrawn.paths(), home, home));
    }

    @Test
    void aGridPutsEachSketchInItsCellAndOrdersThemTogether() {
        var page = new PaperSizes().page("A4", 10);
        List<Placement> cells = Placement.grid(page, 2, 3, 2);
        assertEquals(6, cells.size());
        List<org.plotter.api.sketch.Sketch> houses = java.util.Collections.nCopies(6, ProfileGcodeTranslatorTest.house());
        Drawing each = new PagePlanner().plan(houses, cells, PlanOptions.DEFAULT.withOrder(PlanOptions.Order.AS_DRAWN).withMerge(0));
        assertEquals(18, each.paths().size(), "three strokes per house");
        for (int cell = 0; cell < 6; cell++) {
            Placement.Box box = cells.get(cell).box().orElseThrow();
            for (Polyline stroke : each.paths().subList(3 * cell, 3 * cell + 3)) {
                for (Point p : stroke.points()) {
                    assertTrue(p.x() >= box.x() - 1e-9 && p.x() <= box.x() + box.width() + 1e-9
                            && p.y() >= box.y() - 1e-9 && p.y() <= box.y() + box.height() + 1e-9, "cell " + cell + ": " + p);
                }
            }
        }
        Drawing together = new PagePlanner().plan(houses, cells, PlanOptions.DEFAULT);
        assertEquals(segments(each.paths()), segments(together.paths()));
        Point home = new Point(0, 297);
        assertTrue(StrokeOrder.travel(together.paths(), home, home) < StrokeOrder.travel(each.paths(), home, home));
    }
}
