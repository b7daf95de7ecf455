package org.plotter.api.gcode;

import java.time.Duration;

/** What a planned plot amounts to: strokes, points, pen-down and pen-up distance (mm) and estimated time. */
public record PlotStatistics(int strokes, int points, double drawLength, double travelLength, Duration estimatedTime) {
}
