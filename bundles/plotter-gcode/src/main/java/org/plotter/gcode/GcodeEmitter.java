package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Writes a machine drawing as G-code for one profile: the dialect's program start, {@code G0} for travel
 * with the pen up, {@code G1} at the drawing feed with the pen down, the profile's pen commands each
 * followed by a dwell in the dialect's unit, and the dialect's program end.
 */
final class GcodeEmitter {
    private GcodeEmitter() {}

    static List<String> emit(Drawing machine, FirmwareProfile profile) {
        List<String> lines = new ArrayList<>(profile.dialect().programStart());
        penMove(lines, profile.pen().up(), profile);
        for (Polyline path : machine.paths()) {
            List<Point> points = path.points();
            if (!path.penDown()) {
                lines.add("G0 " + xy(points.get(points.size() - 1), units(profile)));
                continue;
            }
            penMove(lines, profile.pen().down(), profile);
            String feed = String.format(Locale.ROOT, " F%.1f", units(profile).fromMillimetres(profile.motion().drawFeed()));
            for (Point p : points.subList(1, points.size())) {
                lines.add("G1 " + xy(p, units(profile)) + feed);
                feed = ""; // F is modal
            }
            penMove(lines, profile.pen().up(), profile);
        }
        lines.addAll(profile.dialect().programEnd());
        return lines;
    }

    /** Strokes, points, lengths, and the time GRBL's motion model gives the program (see {@link MotionEstimate}). */
    static PlotStatistics statistics(Drawing machine, List<String> lines, FirmwareProfile profile) {
        int strokes = 0, points = 0;
        for (Polyline path : machine.paths()) {
            if (path.penDown()) {
                strokes++;
                points += path.points().size();
            }
        }
        return new PlotStatistics(strokes, points, machine.drawLength(), machine.travelLength(), MotionEstimate.of(lines, profile));
    }

    private static void penMove(List<String> lines, List<String> commands, FirmwareProfile profile) {
        lines.addAll(commands);
        if (!profile.pen().delay().isZero()) {
            lines.add(profile.dialect().dwell(profile.pen().delay()));
        }
    }

    private static GcodeDialect.LengthUnit units(FirmwareProfile profile) {
        return profile.dialect().lengthUnit();
    }

    /** Machine millimetres in the dialect's unit: 3 decimals of a millimetre, 4 of an inch (both about 1 µm–3 µm). */
    private static String xy(Point p, GcodeDialect.LengthUnit unit) {
        if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
            throw new IllegalStateException("a non-finite coordinate reached the G-code emitter: " + p);
        }
        return unit == GcodeDialect.LengthUnit.INCHES
                ? String.format(Locale.ROOT, "X%.4f Y%.4f", unit.fromMillimetres(p.x()), unit.fromMillimetres(p.y()))
                : String.format(Locale.ROOT, "X%.3f Y%.3f", p.x(), p.y());
    }
}
