package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.Drawing;
import org.plotter.api.FirmwareProfile;
import org.plotter.api.PageSpec;
import org.plotter.api.Point;
import org.plotter.api.Polyline;
import org.plotter.api.Sketch;
import org.plotter.sketch.geometry.Bounds;

/**
 * Places a sketch on the page: scaled uniformly to fill the area inside the margins, centred, then
 * converted to machine coordinates (millimetres, origin at the page's bottom-left corner, y up).
 * The result alternates pen-up travel and pen-down strokes, starting and ending at the origin.
 */
final class PagePlanner {
    private PagePlanner() {}

    static Drawing plan(Sketch sketch, PageSpec page, FirmwareProfile profile) {
        if (page.width() > profile.workWidth() || page.height() > profile.workHeight()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "page %s (%.0f x %.0f mm) does not fit the work area of %s (%.0f x %.0f mm)",
                    page.name(), page.width(), page.height(), profile.id(), profile.workWidth(), profile.workHeight()));
        }
        List<Polyline> strokes = Drawing.of(sketch, 0).paths();
        if (strokes.isEmpty()) {
            throw new IllegalArgumentException("the sketch has no strokes to draw");
        }
        Bounds bounds = Bounds.of(strokes);
        double areaWidth = page.width() - 2 * page.margin();
        double areaHeight = page.height() - 2 * page.margin();
        // A perfectly straight horizontal or vertical sketch has one zero extent: fit the other.
        double scale = Math.min(
                bounds.width() > 0 ? areaWidth / bounds.width() : Double.POSITIVE_INFINITY,
                bounds.height() > 0 ? areaHeight / bounds.height() : Double.POSITIVE_INFINITY);
        if (Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the sketch is a single point: nothing to draw");
        }
        double offsetX = page.margin() + (areaWidth - bounds.width() * scale) / 2 - bounds.minX() * scale;
        double offsetY = page.margin() + (areaHeight - bounds.height() * scale) / 2 - bounds.minY() * scale;

        List<Polyline> paths = new ArrayList<>();
        Point pen = new Point(0, 0);
        for (Polyline stroke : strokes) {
            List<Point> placed = new ArrayList<>(stroke.points().size());
            for (Point p : stroke.points()) {
                // page y grows downwards, machine y upwards
                placed.add(new Point(offsetX + p.x() * scale, page.height() - (offsetY + p.y() * scale)));
            }
            paths.add(new Polyline(List.of(pen, placed.get(0)), false));
            paths.add(new Polyline(placed, true));
            pen = placed.get(placed.size() - 1);
        }
        paths.add(new Polyline(List.of(pen, new Point(0, 0)), false));
        return new Drawing(page.width(), page.height(), paths);
    }
}
