package org.plotter.sketch.geometry;

import java.util.List;
import org.plotter.api.sketch.Sketch;

/**
 * Sketch-RNN's data normalisation: offsets are divided by one scale factor for the whole data set,
 * the standard deviation of all {@code dx} and {@code dy} values, so that models see unit-variance steps.
 */
public final class Normalisation {
    private Normalisation() {}

    /** The standard deviation of every offset (both axes together) over {@code sketches}. */
    public static double scaleFactor(List<Sketch> sketches) {
        double sum = 0, sumSquares = 0;
        long n = 0;
        for (Sketch s : sketches) {
            for (int i = 0; i < s.size(); i++) {
                sum += s.dx(i) + s.dy(i);
                sumSquares += (double) s.dx(i) * s.dx(i) + (double) s.dy(i) * s.dy(i);
                n += 2;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no offsets to normalise");
        }
        double mean = sum / n;
        return Math.sqrt(sumSquares / n - mean * mean);
    }

    public static Sketch normalise(Sketch sketch, double scaleFactor) {
        return sketch.scaled((float) (1.0 / scaleFactor));
    }
}
