package org.plotter.api.sketch;

import java.util.Arrays;

/**
 * A drawing as a sequence of pen offsets, immutable.
 *
 * <p>The stored form is stroke-3: each point is {@code (dx, dy, lift)} where {@code lift == 1}
 * means the pen leaves the paper after this point. The stroke-5 view
 * {@code (dx, dy, p_down, p_up, p_end)} used inside the models (Sketch-RNN paper, arXiv:1704.03477)
 * is derived on demand. Units are whatever the producer used; models emit offsets already
 * multiplied back by the data set's scale factor. Offsets are always finite.
 */
public final class Sketch {
    private final float[] data; // n * 3, row-major (dx, dy, lift)

    private Sketch(float[] data) {
        this.data = data;
    }

    /** Builds a sketch from stroke-3 rows {@code {dx, dy, lift}}; the rows are copied. */
    public static Sketch fromStroke3(float[][] rows) {
        float[] data = new float[rows.length * 3];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != 3) {
                throw new IllegalArgumentException("stroke-3 row " + i + " has " + rows[i].length + " values, expected 3");
            }
            data[3 * i] = finite(rows[i][0], i);
            data[3 * i + 1] = finite(rows[i][1], i);
            data[3 * i + 2] = rows[i][2] > 0.5f ? 1f : 0f;
        }
        return new Sketch(data);
    }

    /** Offsets must be finite: a NaN or infinity would poison every position after it. */
    private static float finite(float offset, int row) {
        if (!Float.isFinite(offset)) {
            throw new IllegalArgumentException("stroke-3 row " + row + " has a non-finite offset " + offset);
        }
        return offset;
    }

    /**
     * Builds a sketch from stroke-5 rows {@code {dx, dy, p_down, p_up, p_end}}, stopping at the first
     * end-of-sketch row (which carries no point).
     */
    public static Sketch fromStroke5(float[][] rows) {
        int n = 0;
        while (n < rows.length && rows[n][4] < 0.5f) {
            n++;
        }
        float[] data = new float[n * 3];
        for (int i = 0; i < n; i++) {
            data[3 * i] = finite(rows[i][0], i);
            data[3 * i + 1] = finite(rows[i][1], i);
            data[3 * i + 2] = rows[i][3] > 0.5f ? 1f : 0f;
        }
        return new Sketch(data);
    }

    /** Number of points. */
    public int size() {
        return data.length / 3;
    }

    public float dx(int i) {
        return data[3 * i];
    }

    public float dy(int i) {
        return data[3 * i + 1];
    }

    /** True when the pen is lifted after point {@code i}, ending a stroke. */
    public boolean liftsAfter(int i) {
        return data[3 * i + 2] > 0.5f;
    }

    /** Number of strokes: runs of points separated by pen lifts. */
    public int strokeCount() {
        int strokes = 0;
        boolean open = false;
        for (int i = 0; i < size(); i++) {
            open = true;
            if (liftsAfter(i)) {
                strokes++;
                open = false;
            }
        }
        return open ? strokes + 1 : strokes;
    }

    /** A copy of the stroke-3 rows. */
    public float[][] toStroke3() {
        float[][] rows = new float[size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(data, 3 * i, 3 * i + 3);
        }
        return rows;
    }

    /** The stroke-5 rows, with one end-of-sketch row {@code (0,0,0,0,1)} appended. */
    public float[][] toStroke5() {
        float[][] rows = new float[size() + 1][5];
        for (int i = 0; i < size(); i++) {
            boolean lift = liftsAfter(i);
            rows[i] = new float[] {dx(i), dy(i), lift ? 0f : 1f, lift ? 1f : 0f, 0f};
        }
        rows[size()] = new float[] {0f, 0f, 0f, 0f, 1f};
        return rows;
    }

    /** This sketch with every offset multiplied by {@code factor}. */
    public Sketch scaled(float factor) {
        float[] copy = data.clone();
        for (int i = 0; i < copy.length; i += 3) {
            copy[i] *= factor;
            copy[i + 1] *= factor;
        }
        return new Sketch(copy);
    }

    /** The points of {@code this} followed by those of {@code next}; the seam is a pen lift. */
    public Sketch append(Sketch next) {
        float[] joined = Arrays.copyOf(data, data.length + next.data.length);
        if (size() > 0) {
            joined[data.length - 1] = 1f;
        }
        System.arraycopy(next.data, 0, joined, data.length, next.data.length);
        return new Sketch(joined);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sketch other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Sketch[" + size() + " points, " + strokeCount() + " strokes]";
    }
}
