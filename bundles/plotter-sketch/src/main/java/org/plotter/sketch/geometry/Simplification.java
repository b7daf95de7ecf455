package org.plotter.sketch.geometry;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Ramer–Douglas–Peucker line simplification: keeps the fewest points such that no dropped point lies
 * further than {@code epsilon} from the simplified line. Iterative, so long strokes cannot overflow
 * the stack.
 */
public final class Simplification {
    private Simplification() {}

    public static Polyline simplify(Polyline line, double epsilon) {
        List<Point> pts = line.points();
        if (pts.size() < 3 || epsilon <= 0) {
            return line;
        }
        boolean[] keep = new boolean[pts.size()];
        keep[0] = true;
        keep[pts.size() - 1] = true;
        ArrayList<int[]> pending = new ArrayList<>();
        pending.add(new int[] {0, pts.size() - 1});
        while (!pending.isEmpty()) {
            int[] span = pending.remove(pending.size() - 1);
            int farthest = -1;
            double worst = epsilon;
            for (int i = span[0] + 1; i < span[1]; i++) {
                double d = distanceToSegment(pts.get(i), pts.get(span[0]), pts.get(span[1]));
                if (d > worst) {
                    worst = d;
                    farthest = i;
                }
            }
            if (farthest >= 0) {
                keep[farthest] = true;
                pending.add(new int[] {span[0], farthest});
                pending.add(new int[] {farthest, span[1]});
            }
        }
        List<Point> kept = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            if (keep[i]) {
                kept.add(pts.get(i));
            }
        }
        return new Polyline(kept, line.penDown());
    }

    /** The distance from {@code p} to the segment {@code a}–{@code b}. */
    public static double distanceToSegment(Point p, Point a, Point b) {
        double vx = b.x() - a.x(), vy = b.y() - a.y();
        double lengthSquared = vx * vx + vy * vy;
        if (lengthSquared == 0) {
            return p.distanceTo(a);
        }
        double t = Math.max(0, Math.min(1, ((p.x() - a.x()) * vx + (p.y() - a.y()) * vy) / lengthSquared));
        return Math.hypot(p.x() - (a.x() + t * vx), p.y() - (a.y() + t * vy));
    }
}
