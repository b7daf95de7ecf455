package org.plotter.api.gcode;

import java.util.List;
import org.plotter.api.sketch.Drawing;

/**
 * G-code ready to stream, one command per line without line terminators, together with the page
 * drawing it was made from (pen-down strokes and pen-up travel, in machine millimetres).
 */
public record GcodeProgram(List<String> lines, Drawing planned, PlotStatistics statistics) {
    public GcodeProgram {
        lines = List.copyOf(lines);
    }
}
