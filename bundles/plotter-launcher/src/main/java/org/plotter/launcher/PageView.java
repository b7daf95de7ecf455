package org.plotter.launcher;

import java.util.List;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Machine coordinates (origin bottom-left, y up) back to the page as seen from above (y down). */
final class PageView {
    private PageView() {}

    static Drawing onPage(Drawing machine, PageSpec page, boolean withTravel) {
        List<Polyline> paths = machine.paths().stream()
                .filter(p -> withTravel || p.penDown())
                .map(p -> new Polyline(p.points().stream().map(q -> new Point(q.x(), page.height() - q.y())).toList(), p.penDown()))
                .toList();
        return new Drawing(page.width(), page.height(), paths);
    }
}
