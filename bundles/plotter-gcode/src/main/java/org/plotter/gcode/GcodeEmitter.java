package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
    /** {@code M0} or {@code M1} (also {@code M00}, {@code m0}) as the line's command. */
    static final Pattern PROGRAM_PAUSE = Pattern.compile("\\s*(?:N\\d+\\s*)?M0*[01](?!\\d|\\.)", Pattern.CASE_INSENSITIVE);

    private GcodeEmitter() {}

    static List<String> emit(Drawing machine, FirmwareProfile profile) {
        return emit(machine, Map.of(), profile);
    }

    /**
     * As {@link #emit(Drawing, FirmwareProfile)}, with the profile's pen-change commands before the paths
     * {@code pauses} names (the pen is up there); each program pause ({@code M0}/{@code M1}) carries the
     * operator's message as a {@code ;} comment, which GRBL and Marlin both ignore.
     */
    static List<String> emit(Drawing machine, Map<Integer, String> pauses, FirmwareProfile profile) {
        List<String> lines = new ArrayList<>(profile.dialect().programStart());
        penMove(lines, profile.pen().up(), profile);
        for (int index = 0; index < machine.paths().size(); index++) {
            Polyline path = machine.paths().get(index);
            String message = pauses.get(index);
            if (message != null) {
                for (String command : profile.penChange().commands()) {
                    lines.add(PROGRAM_PAUSE.matcher(command).lookingAt() && !message.isEmpty() ? command + " ; " + message : command);
                }
            }
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
