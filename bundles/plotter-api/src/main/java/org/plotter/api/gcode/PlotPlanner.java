package org.plotter.api.gcode;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Layer;
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
    default Drawing plan(Sketch sketch, Placement placement) {
        return plan(List.of(sketch), List.of(placement), PlanOptions.DEFAULT);
    }

    /**
     * Several sketches on one page (a grid, or additions to a drawing), each with its own placement on the
     * same page, drawn in one order that suits them all. A sketch without strokes leaves its place blank.
     *
     * @throws org.plotter.api.InvalidInputException if no sketch has anything to draw, one does not fit, or the
     *     placements name different pages
     */
    Drawing plan(List<Sketch> sketches, List<Placement> placements, PlanOptions options);

    /**
     * Layers of one drawing (one pen each), placed together as one drawing (a fit uses all of them, so
     * they stay in register) and each ordered on its own: one page drawing per layer, in layer order.
     *
     * @throws org.plotter.api.InvalidInputException as for one sketch; a layer with nothing to draw is refused with its name
     */
    List<Drawing> planLayers(List<Layer> layers, Placement placement, PlanOptions options);
}
