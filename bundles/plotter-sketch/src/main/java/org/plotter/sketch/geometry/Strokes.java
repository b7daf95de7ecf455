package org.plotter.sketch.geometry;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

/** A sketch's offsets as absolute pen-down polylines, in the sketch's own units, starting at (0, 0). */
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
}
