package org.plotter.launcher;

import java.time.Duration;
import java.util.Locale;
import org.plotter.api.gcode.PlotStatistics;

/** One-line descriptions of plots, for people. */
final class Summaries {
    private Summaries() {}

    static String plot(String name, PlotStatistics s) {
        return String.format(Locale.ROOT, "%s: %d strokes, %d points, drawing %.0f mm, pen-up travel %.0f mm, estimated %s",
                name, s.strokes(), s.points(), s.drawLength(), s.travelLength(), time(s.estimatedTime()));
    }

    static String time(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
