package org.plotter.sketch.geometry;

import java.util.Collection;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** An axis-aligned bounding box. */
public record Bounds(double minX, double minY, double maxX, double maxY) {
    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public boolean contains(Point p, double tolerance) {
        return p.x() >= minX - tolerance && p.x() <= maxX + tolerance
                && p.y() >= minY - tolerance && p.y() <= maxY + tolerance;
    }

    /** The box around every point of {@code paths}. */
    public static Bounds of(Collection<Polyline> paths) {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Polyline path : paths) {
            for (Point p : path.points()) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
        }
        if (minX > maxX) {
            throw new IllegalArgumentException("no points: an empty drawing has no bounds");
        }
        return new Bounds(minX, minY, maxX, maxY);
    }
}
