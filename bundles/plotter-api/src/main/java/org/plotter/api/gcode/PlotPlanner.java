package org.plotter.api.gcode;

import org.osgi.annotation.versioning.ConsumerType;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Sketch;

/** Puts a sketch on a page: its pen-down strokes in page millimetres (origin top-left, y down), in drawing order. */
@ConsumerType
public interface PlotPlanner {
    /** Service property naming the planner, e.g. {@code fit}. */
    String PLANNER = "plotter.planner";

    /**
     * @throws org.plotter.api.InvalidInputException if the sketch has nothing to draw or does not fit
     *     the page inside its margins
     */
    Drawing plan(Sketch sketch, Placement placement);
}
