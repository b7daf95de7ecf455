package org.plotter.api.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;
import org.plotter.api.model.SamplingRequest;

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
        assertEquals(3, Sketch.fromStroke3(new float[][] {{1, 1, 1}, {2, 2, 1}, {2, -2, 0}}).strokeCount());
    }

    @Test
    void nonFiniteOffsetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sketch.fromStroke3(new float[][] {{Float.POSITIVE_INFINITY, 0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> Sketch.fromStroke5(new float[][] {{0, Float.NaN, 1, 0, 0}}));
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
