package org.plotter.api.gcode;

import java.util.List;
import java.util.regex.Pattern;
import org.plotter.api.sketch.Drawing;

/**
 * G-code ready to stream, one command per line without line terminators, together with the page
 * drawing it was made from (pen-down strokes and pen-up travel, in machine millimetres).
 */
public record GcodeProgram(List<String> lines, Drawing planned, PlotStatistics statistics) {
    /** A parenthesised comment, or everything from a semicolon on (both as GRBL, Marlin and LinuxCNC read them). */
    private static final Pattern COMMENT = Pattern.compile("\\(.*?\\)|;.*");

    public GcodeProgram {
        lines = List.copyOf(lines);
    }

    /** The command of one line: its comments removed and the rest stripped of surrounding white space. */
    public static String withoutComments(String line) {
        return COMMENT.matcher(line).replaceAll("").strip();
    }
}
