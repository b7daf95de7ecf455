package org.plotter.sketch.data;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.sketch.geometry.Simplification;

/**
 * The simplification Quick, Draw! published its "simplified" drawings with, applied to raw
 * {@code (x, y, t)} drawings: align to the top-left corner (minimum 0), scale uniformly so the
 * largest coordinate is 255, resample every stroke at 1 px spacing, simplify with
 * Ramer–Douglas–Peucker at ε = 2.0, and round to whole pixels.
 */
public final class QuickDrawSimplification {
    /** The published drawings span 0–255. */
    public static final double EXTENT = 255;
    /** Spacing of the resampled strokes, in pixels of the 0–255 frame. */
    public static final double RESAMPLE_SPACING = 1.0;
    /** The published RDP tolerance, in pixels of the 0–255 frame. */
    public static final double EPSILON = 2.0;

    private QuickDrawSimplification() {}

    /** A raw drawing's strokes as the published simplified data would hold them. */
    public static List<Polyline> simplify(List<Polyline> raw) {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, max = 0;
        for (Polyline stroke : raw) {
            for (Point p : stroke.points()) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
            }
        }
        for (Polyline stroke : raw) {
            for (Point p : stroke.points()) {
                max = Math.max(max, Math.max(p.x() - minX, p.y() - minY));
            }
        }
        double scale = max > 0 ? EXTENT / max : 1;
        List<Polyline> simplified = new ArrayList<>(raw.size());
        for (Polyline stroke : raw) {
            List<Point> aligned = new ArrayList<>(stroke.points().size());
            for (Point p : stroke.points()) {
                aligned.add(new Point((p.x() - minX) * scale, (p.y() - minY) * scale));
            }
            Polyline reduced = Simplification.simplify(new Polyline(resample(aligned), false), EPSILON);
            List<Point> rounded = new ArrayList<>(reduced.points().size());
            for (Point p : reduced.points()) {
                rounded.add(new Point(Math.round(p.x()), Math.round(p.y())));
            }
            simplified.add(new Polyline(rounded, true));
        }
        return simplified;
    }

    /** The stroke with points inserted so that no two neighbours are more than 1 px apart. */
    static List<Point> resample(List<Point> points) {
        List<Point> resampled = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (i > 0) {
                Point a = points.get(i - 1);
                int pieces = (int) Math.ceil(Math.hypot(p.x() - a.x(), p.y() - a.y()) / RESAMPLE_SPACING);
                for (int k = 1; k < pieces; k++) {
                    double t = (double) k / pieces;
                    resampled.add(new Point(a.x() + t * (p.x() - a.x()), a.y() + t * (p.y() - a.y())));
                }
            }
            resampled.add(p);
        }
        return resampled;
    }
}
