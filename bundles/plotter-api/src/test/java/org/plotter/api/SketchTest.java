package org.plotter.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SketchTest {
    private final Sketch vee = Sketch.fromStroke3(new float[][] {{1, 1, 0}, {2, 2, 0}, {2, -2, 1}, {5, 0, 0}, {1, 0, 1}});

    @Test
    void stroke5RoundTripsAndEndsWithTheEndToken() {
        float[][] five = vee.toStroke5();
        assertEquals(6, five.length);
        assertArrayEquals(new float[] {2, -2, 0, 1, 0}, five[2]);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1}, five[5]);
        assertEquals(vee, Sketch.fromStroke5(five));
    }

    @Test
    void strokesAreRunsBetweenLifts() {
        assertEquals(2, vee.strokeCount());
        Drawing drawing = Drawing.of(vee, 0);
        assertEquals(2, drawing.paths().size());
        // first point is reached with the pen up: stroke one is (1,1)->(3,3)->(5,1)
        assertEquals(new Point(0, 0), drawing.paths().get(0).points().get(0)); // (1,1) less the bounds origin (1,1)
        assertEquals(new Point(4, 0), drawing.paths().get(0).points().get(2));
        assertEquals(2 * Math.hypot(2, 2) + 1, drawing.drawLength(), 1e-9);
    }

    @Test
    void scalingAndAppendingKeepTheLifts() {
        Sketch doubled = vee.scaled(2);
        assertEquals(4f, doubled.dx(1));
        Sketch joined = Sketch.fromStroke3(new float[][] {{1, 0, 0}}).append(vee);
        assertEquals(6, joined.size());
        assertEquals(true, joined.liftsAfter(0));
    }

    @Test
    void malformedRowsAndRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sketch.fromStroke3(new float[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SamplingRequest.of(null, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SamplingRequest.of(null, Double.NaN, 1));
    }
}
