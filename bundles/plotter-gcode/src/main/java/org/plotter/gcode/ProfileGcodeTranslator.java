package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
import org.plotter.api.sketch.Layer;
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
        requirePageFits(placements.get(0).page(), profile);
        return program(List.of(planner.plan(sketches, placements, profile.planning())), List.of(""), profile);
    }

    @Override
    public GcodeProgram translateLayers(List<Layer> layers, Placement placement, FirmwareProfile profile) {
        requirePageFits(placement.page(), profile);
        return program(planner.planLayers(layers, placement, profile.planning()), layers.stream().map(Layer::name).toList(), profile);
    }

    private static void requirePageFits(PageSpec page, FirmwareProfile profile) {
        FirmwareProfile.WorkArea area = profile.workArea();
        if (page.width() > area.pageWidthLimit() || page.height() > area.pageHeightLimit()) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "page %s (%.0f x %.0f mm) does not fit the work area of %s (%.0f x %.0f mm as the page lies)",
                    page.name(), page.width(), page.height(), profile.id(), area.pageWidthLimit(), area.pageHeightLimit()));
        }
    }

    private static GcodeProgram program(List<Drawing> layers, List<String> names, FirmwareProfile profile) {
        List<PenChanges.Change> changes = PenChanges.plan(layers, names, profile.penChange());
        MachinePath machine = toMachine(layers, changes, profile.workArea(), profile.penChange().parkAtOrigin());
        requireInsideWorkArea(machine.drawing(), profile);
        List<String> lines = GcodeEmitter.emit(machine.drawing(), machine.pauses(), profile);
        return new GcodeProgram(lines, machine.drawing(), GcodeEmitter.statistics(machine.drawing(), lines, profile));
    }

    /** The machine drawing, and the operator's messages keyed by the index of the path they come before. */
    record MachinePath(Drawing drawing, Map<Integer, String> pauses) {}

    /**
     * Page to machine coordinates (the profile's origin corner and axes), with travel from and back to the
     * origin. Before a stroke that follows a pen change the pen travels to the origin if it parks there,
     * and the change's message is keyed to the travel towards the stroke.
     */
    static MachinePath toMachine(List<Drawing> layers, List<PenChanges.Change> changes, FirmwareProfile.WorkArea area, boolean park) {
        List<Polyline> paths = new ArrayList<>();
        Map<Integer, String> pauses = new TreeMap<>();
        Point origin = new Point(0, 0);
        Point pen = origin;
        int stroke = 0;
        var next = changes.iterator();
        PenChanges.Change change = next.hasNext() ? next.next() : null;
        for (Drawing onPage : layers) {
            for (Polyline line : onPage.paths()) {
                List<Point> points = line.points().stream().map(p -> {
                    double[] m = area.toMachine(p.x(), p.y(), onPage.width(), onPage.height());
                    return new Point(m[0], m[1]);
                }).toList();
                if (change != null && change.beforeStroke() == stroke) {
                    if (park && !pen.equals(origin)) {
                        paths.add(new Polyline(List.of(pen, origin), false));
                        pen = origin;
                    }
                    pauses.put(paths.size(), change.message());
                    change = next.hasNext() ? next.next() : null;
                }
                paths.add(new Polyline(List.of(pen, points.get(0)), false));
                paths.add(new Polyline(points, true));
                pen = points.get(points.size() - 1);
                stroke++;
            }
        }
        paths.add(new Polyline(List.of(pen, origin), false));
        return new MachinePath(new Drawing(area.width(), area.height(), paths), pauses);
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
