package org.plotter.sketch.geometry;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

/** Between stroke-3 offsets from (0, 0) and absolute pen-down polylines, in the sketch's own units. */
public final class Strokes {
    private Strokes() {}

    /**
     * The strokes of {@code sketch}. Magenta's convention: the first point, and every point after a
     * lift, is reached with the pen up, so a stroke is the run of points up to and including a lift;
     * runs of a single point draw nothing and are left out.
     */
    public static List<Polyline> of(Sketch sketch) {
        List<Polyline> strokes = new ArrayList<>();
        List<Point> current = new ArrayList<>();
        double x = 0, y = 0;
        for (int i = 0; i < sketch.size(); i++) {
            x += sketch.dx(i);
            y += sketch.dy(i);
            current.add(new Point(x, y));
            if (sketch.liftsAfter(i)) {
                if (current.size() > 1) {
                    strokes.add(new Polyline(current, true));
                }
                current = new ArrayList<>();
            }
        }
        if (current.size() > 1) {
            strokes.add(new Polyline(current, true));
        }
        return strokes;
    }

    /**
     * Absolute polylines as a sketch: the inverse of {@link #of} (each stroke's first point reached with
     * the pen up from (0, 0) or the previous stroke's end, the last point lifting it), so that
     * {@code of(toSketch(strokes))} gives the strokes back at float precision.
     */
    public static Sketch toSketch(List<Polyline> strokes) {
        List<float[]> rows = new ArrayList<>();
        double x = 0, y = 0;
        for (Polyline stroke : strokes) {
            List<Point> points = stroke.points();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                rows.add(new float[] {(float) (p.x() - x), (float) (p.y() - y), i == points.size() - 1 ? 1f : 0f});
                // accumulate what the sketch will hold, so float rounding does not drift along a long drawing
                x += (float) (p.x() - x);
                y += (float) (p.y() - y);
            }
        }
        return Sketch.fromStroke3(rows.toArray(new float[0][]));
    }
}
