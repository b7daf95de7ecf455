package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.GcodeTranslator;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.gcode.Placement;
import org.plotter.api.gcode.PlotPlanner;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

/**
 * Plans the page with the {@link PlotPlanner}, turns page coordinates into machine coordinates (origin
 * at the page's bottom-left corner, y up), adds pen-up travel from and back to the origin, and emits
 * G-code driven entirely by the firmware profile.
 */
@Component(service = GcodeTranslator.class, property = GcodeTranslator.TRANSLATOR + "=profile")
public class ProfileGcodeTranslator implements GcodeTranslator {
    /** Rounding to 3 decimals in the output may not push a point out; this is far below it. */
    private static final double TOLERANCE_MM = 1e-6;

    private final PlotPlanner planner;

    @org.osgi.service.component.annotations.Activate
    public ProfileGcodeTranslator(@Reference(target = "(" + PlotPlanner.PLANNER + "=page)") PlotPlanner planner) {
        this.planner = planner;
    }

    @Override
    public GcodeProgram translate(List<Sketch> sketches, List<Placement> placements, FirmwareProfile profile) {
        PageSpec page = placements.get(0).page();
        FirmwareProfile.WorkArea area = profile.workArea();
        if (page.width() > area.pageWidthLimit() || page.height() > area.pageHeightLimit()) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "page %s (%.0f x %.0f mm) does not fit the work area of %s (%.0f x %.0f mm as the page lies)",
                    page.name(), page.width(), page.height(), profile.id(), area.pageWidthLimit(), area.pageHeightLimit()));
        }
        Drawing machine = toMachine(planner.plan(sketches, placements), area);
        requireInsideWorkArea(machine, profile);
        List<String> lines = GcodeEmitter.emit(machine, profile);
        return new GcodeProgram(lines, machine, GcodeEmitter.statistics(machine, lines, profile));
    }

    /** Page to machine coordinates (the profile's origin corner and axes), with travel from and back to the origin. */
    static Drawing toMachine(Drawing onPage, FirmwareProfile.WorkArea area) {
        List<Polyline> paths = new ArrayList<>();
        Point origin = new Point(0, 0);
        Point pen = origin;
        for (Polyline stroke : onPage.paths()) {
            List<Point> points = stroke.points().stream().map(p -> {
                double[] m = area.toMachine(p.x(), p.y(), onPage.width(), onPage.height());
                return new Point(m[0], m[1]);
            }).toList();
            paths.add(new Polyline(List.of(pen, points.get(0)), false));
            paths.add(new Polyline(points, true));
            pen = points.get(points.size() - 1);
        }
        paths.add(new Polyline(List.of(pen, origin), false));
        return new Drawing(area.width(), area.height(), paths);
    }

    /** A last guard, independent of the planner's arithmetic: no move may leave the machine. */
    private static void requireInsideWorkArea(Drawing machine, FirmwareProfile profile) {
        for (Polyline path : machine.paths()) {
            for (Point p : path.points()) {
                if (!(p.x() >= -TOLERANCE_MM && p.y() >= -TOLERANCE_MM
                        && p.x() <= profile.workArea().width() + TOLERANCE_MM && p.y() <= profile.workArea().height() + TOLERANCE_MM)) {
                    throw new IllegalStateException("planned point " + p + " lies outside the work area of " + profile.id());
                }
            }
        }
    }
}
