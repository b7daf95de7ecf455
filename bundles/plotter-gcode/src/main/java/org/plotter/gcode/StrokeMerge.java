package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Joins consecutive strokes whose ends meet: one pen lift and one pen drop fewer each. A gap up to the
 * tolerance is drawn as a short connecting segment (as vpype's linemerge does); an exact meeting adds
 * nothing.
 */
final class StrokeMerge {
    private StrokeMerge() {}

    static List<Polyline> joinTouching(List<Polyline> ordered, double tolerance) {
        if (tolerance <= 0 || ordered.size() < 2) {
            return ordered;
        }
        List<Polyline> joined = new ArrayList<>(ordered.size());
        List<Point> current = new ArrayList<>(ordered.get(0).points());
        for (Polyline next : ordered.subList(1, ordered.size())) {
            Point end = current.get(current.size() - 1), start = next.points().get(0);
            if (end.distanceTo(start) <= tolerance) {
                List<Point> rest = next.points();
                current.addAll(end.equals(start) ? rest.subList(1, rest.size()) : rest);
            } else {
                joined.add(new Polyline(current, true));
                current = new ArrayList<>(next.points());
            }
        }
        joined.add(new Polyline(current, true));
        return joined;
    }
}
