package org.plotter.gcode;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.Drawing;
import org.plotter.api.FirmwareProfile;
import org.plotter.api.GcodeProgram;
import org.plotter.api.GcodeTranslator;
import org.plotter.api.PageSpec;
import org.plotter.api.Point;
import org.plotter.api.Polyline;
import org.plotter.api.Sketch;

/** The first translator: fit to page, then emit G-code driven entirely by the firmware profile. */
@Component(service = GcodeTranslator.class)
public class ProfileGcodeTranslator implements GcodeTranslator {
    /** Rounding to 3 decimals in the output may not push a point out; this is far below it. */
    private static final double TOLERANCE_MM = 1e-6;

    @Override
    public GcodeProgram translate(Sketch sketch, PageSpec page, FirmwareProfile profile) {
        Drawing planned = PagePlanner.plan(sketch, page, profile);
        requireInsideWorkArea(planned, profile);
        List<String> lines = GcodeEmitter.emit(planned, profile);
        return new GcodeProgram(lines, planned, GcodeEmitter.statistics(planned, profile));
    }

    /** A last guard, independent of the planner's arithmetic: no move may leave the machine. */
    private static void requireInsideWorkArea(Drawing planned, FirmwareProfile profile) {
        for (Polyline path : planned.paths()) {
            for (Point p : path.points()) {
                if (p.x() < -TOLERANCE_MM || p.y() < -TOLERANCE_MM
                        || p.x() > profile.workWidth() + TOLERANCE_MM || p.y() > profile.workHeight() + TOLERANCE_MM) {
                    throw new IllegalArgumentException("point " + p + " lies outside the work area of " + profile.id());
                }
            }
        }
    }
}
