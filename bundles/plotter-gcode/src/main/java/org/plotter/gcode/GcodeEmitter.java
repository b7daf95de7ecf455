package org.plotter.gcode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plotter.api.Drawing;
import org.plotter.api.FirmwareProfile;
import org.plotter.api.PlotStatistics;
import org.plotter.api.Point;
import org.plotter.api.Polyline;

/**
 * Writes a planned drawing as G-code for one profile: millimetres and absolute positions
 * ({@code G21 G90}), {@code G0} for travel with the pen up, {@code G1} at the drawing feed with the pen
 * down, the profile's pen commands each followed by a dwell, and a pen-up return to the origin.
 */
final class GcodeEmitter {
    private static final double SECONDS_PER_MINUTE = 60.0;

    private GcodeEmitter() {}

    static List<String> emit(Drawing planned, FirmwareProfile profile) {
        List<String> lines = new ArrayList<>();
        lines.add("G21 G90");
        penMove(lines, profile.penUp(), profile);
        for (Polyline path : planned.paths()) {
            List<Point> points = path.points();
            if (!path.penDown()) {
                lines.add("G0 " + xy(points.get(points.size() - 1)));
                continue;
            }
            penMove(lines, profile.penDown(), profile);
            String feed = String.format(Locale.ROOT, " F%.0f", profile.drawFeed());
            for (Point p : points.subList(1, points.size())) {
                lines.add("G1 " + xy(p) + feed);
                feed = ""; // F is modal
            }
            penMove(lines, profile.penUp(), profile);
        }
        return lines;
    }

    /** Time at the nominal feeds plus pen dwells; acceleration is not modelled. */
    static PlotStatistics statistics(Drawing planned, FirmwareProfile profile) {
        int strokes = 0, points = 0;
        for (Polyline path : planned.paths()) {
            if (path.penDown()) {
                strokes++;
                points += path.points().size();
            }
        }
        double seconds = planned.drawLength() / profile.drawFeed() * SECONDS_PER_MINUTE
                + planned.travelLength() / profile.travelFeed() * SECONDS_PER_MINUTE
                + (2.0 * strokes + 1) * profile.penDelay().toMillis() / 1000.0;
        return new PlotStatistics(strokes, points, planned.drawLength(), planned.travelLength(),
                Duration.ofMillis(Math.round(seconds * 1000)));
    }

    private static void penMove(List<String> lines, List<String> commands, FirmwareProfile profile) {
        lines.addAll(commands);
        if (!profile.penDelay().isZero()) {
            // GRBL's G4 P is in seconds
            lines.add(String.format(Locale.ROOT, "G4 P%.3f", profile.penDelay().toMillis() / 1000.0));
        }
    }

    private static String xy(Point p) {
        return String.format(Locale.ROOT, "X%.3f Y%.3f", p.x(), p.y());
    }
}
