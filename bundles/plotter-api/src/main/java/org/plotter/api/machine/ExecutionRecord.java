package org.plotter.api.machine;

import org.plotter.api.sketch.Drawing;
import java.time.Duration;

/**
 * The motion a machine executed: pen-down paths and pen-up travel in machine millimetres on its work
 * area, and how long the motion took in machine time.
 */
public record ExecutionRecord(Drawing motion, Duration motionTime) {
}
