package org.plotter.launcher;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PlotStatistics;

/** One-line descriptions of plots, for people. */
final class Summaries {
    private Summaries() {}

    static String plot(String name, PlotStatistics s) {
        return String.format(Locale.ROOT, "%s: %s, %s, drawing %.0f mm, pen-up travel %.0f mm, estimated %s",
                name, count(s.strokes(), "stroke"), count(s.points(), "point"), s.drawLength(), s.travelLength(), time(s.estimatedTime()));
    }

    /** {@code n} and the noun, plural unless it is one: "1 stroke", "12 strokes". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** What a program will do, said before the machine moves: strokes, lengths, pen lifts and changes, time. */
    static String plan(GcodeProgram program) {
        PlotStatistics s = program.statistics();
        long changes = program.lines().stream().filter(line -> PROGRAM_PAUSE.matcher(line).lookingAt()).count();
        return String.format(Locale.ROOT, "%s, drawing %.0f mm, pen-up travel %.0f mm, %s%s, estimated %s",
                count(s.strokes(), "stroke"), s.drawLength(), s.travelLength(), count(s.strokes(), "pen lift"),
                changes > 0 ? ", " + count(changes, "pause") + " for the operator (time not counted)" : "", time(s.estimatedTime()));
    }

    /** A program pause, {@code M0} (or {@code M1}, which Marlin also stops at). */
    private static final Pattern PROGRAM_PAUSE = Pattern.compile("\\s*(?:N\\d+\\s*)?M0*[01](?![\\d.])", Pattern.CASE_INSENSITIVE);

    /** Loss parts as {@code L_s -0.123, L_p 0.456, …}, in their order. */
    static String losses(java.util.Map<String, Double> parts) {
        return parts.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static String time(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
