package org.plotter.launcher;

import java.util.List;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Machine coordinates back to the page as seen from above (origin top-left, y down), by the profile's origin and axes. */
final class PageView {
    private PageView() {}

    static Drawing onPage(Drawing machine, PageSpec page, FirmwareProfile.WorkArea area, boolean withTravel) {
        List<Polyline> paths = machine.paths().stream()
                .filter(p -> withTravel || p.penDown())
                .map(p -> new Polyline(p.points().stream().map(q -> {
                    double[] xy = area.toPage(q.x(), q.y(), page.width(), page.height());
                    return new Point(xy[0], xy[1]);
                }).toList(), p.penDown()))
                .toList();
        return new Drawing(page.width(), page.height(), paths);
    }
}
