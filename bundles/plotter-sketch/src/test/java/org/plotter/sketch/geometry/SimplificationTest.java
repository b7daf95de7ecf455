package org.plotter.sketch.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

class SimplificationTest {
    @Test
    void dropsPointsWithinEpsilonAndKeepsCorners() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            points.add(new Point(i, (i % 2) * 0.1)); // jitter of 0.1 along a line
        }
        points.add(new Point(10, 10)); // a real corner
        Polyline simplified = Simplification.simplify(new Polyline(points, true), 0.5);
        assertEquals(List.of(new Point(0, 0), new Point(10, 0), new Point(10, 10)), simplified.points());
        assertEquals(points.size(), Simplification.simplify(new Polyline(points, true), 0.01).points().size());
    }

    @Test
    void scaleFactorIsTheStandardDeviationOfAllOffsets() {
        Sketch s = Sketch.fromStroke3(new float[][] {{1, -1, 0}, {3, -3, 1}});
        // values 1, -1, 3, -3: mean 0, variance (1+1+9+9)/4 = 5
        assertEquals(Math.sqrt(5), Normalisation.scaleFactor(List.of(s)), 1e-9);
        assertEquals(1f / (float) Math.sqrt(5), Normalisation.normalise(s, Math.sqrt(5)).dx(0), 1e-6);
    }

    @Test
    void boundsCoverEveryPoint() {
        Bounds b = Bounds.of(List.of(new Polyline(List.of(new Point(-1, 2), new Point(3, -4)), true)));
        assertEquals(new Bounds(-1, -4, 3, 2), b);
        assertEquals(4, b.width());
    }
}
