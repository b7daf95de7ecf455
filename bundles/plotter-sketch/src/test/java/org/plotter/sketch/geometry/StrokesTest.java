package org.plotter.sketch.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

class StrokesTest {
    @Test
    void strokesAreRunsBetweenLiftsReachedWithThePenUp() {
        Sketch vee = Sketch.fromStroke3(new float[][] {{1, 1, 0}, {2, 2, 0}, {2, -2, 1}, {5, 0, 0}, {1, 0, 1}, {3, 3, 1}});
        List<Polyline> strokes = Strokes.of(vee);
        assertEquals(2, strokes.size(), "the lone last point draws nothing");
        assertEquals(List.of(new Point(1, 1), new Point(3, 3), new Point(5, 1)), strokes.get(0).points());
        assertEquals(List.of(new Point(10, 1), new Point(11, 1)), strokes.get(1).points());
        assertEquals(2 * Math.hypot(2, 2), strokes.get(0).length(), 1e-9);
    }
}
