package org.plotter.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Absolute polylines on a sheet of {@code width × height}: what gets rendered to SVG or PNG, whether it
 * came from a sketch or from what a machine actually did.
 */
public record Drawing(double width, double height, List<Polyline> paths) {
    public Drawing {
        paths = List.copyOf(paths);
    }

    /**
     * The strokes of a sketch as absolute pen-down polylines, translated so that the drawing's
     * bounding box starts at {@code (pad, pad)}; the sheet is the box plus {@code pad} on every side.
     */
    public static Drawing of(Sketch sketch, double pad) {
        List<List<Point>> strokes = new ArrayList<>();
        List<Point> current = new ArrayList<>();
        double x = 0, y = 0;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        // Magenta's convention: the first point, and every point after a lift, is reached with the pen up.
        for (int i = 0; i < sketch.size(); i++) {
            x += sketch.dx(i);
            y += sketch.dy(i);
            current.add(new Point(x, y));
            if (sketch.liftsAfter(i)) {
                if (current.size() > 1) {
                    strokes.add(current);
                }
                current = new ArrayList<>();
            }
        }
        if (current.size() > 1) {
            strokes.add(current);
        }
        for (List<Point> stroke : strokes) {
            for (Point p : stroke) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
        }
        if (strokes.isEmpty()) {
            return new Drawing(2 * pad, 2 * pad, List.of());
        }
        List<Polyline> paths = new ArrayList<>();
        for (List<Point> stroke : strokes) {
            List<Point> moved = new ArrayList<>(stroke.size());
            for (Point p : stroke) {
                moved.add(new Point(p.x() - minX + pad, p.y() - minY + pad));
            }
            paths.add(new Polyline(moved, true));
        }
        return new Drawing(maxX - minX + 2 * pad, maxY - minY + 2 * pad, paths);
    }

    /** Total length of pen-down paths. */
    public double drawLength() {
        return paths.stream().filter(Polyline::penDown).mapToDouble(Polyline::length).sum();
    }

    /** Total length of pen-up paths. */
    public double travelLength() {
        return paths.stream().filter(p -> !p.penDown()).mapToDouble(Polyline::length).sum();
    }
}
