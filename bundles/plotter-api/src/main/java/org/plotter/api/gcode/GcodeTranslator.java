package org.plotter.api.gcode;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.plotter.api.sketch.Layer;
import org.plotter.api.sketch.Sketch;

/** Turns a sketch into G-code for one firmware profile, placed on a page. */
@ConsumerType
public interface GcodeTranslator {
    /** Service property naming the translator, e.g. {@code profile}. */
    String TRANSLATOR = "plotter.translator";

    /**
     * @throws org.plotter.api.InvalidInputException if the page does not fit the profile's work area or
     *     the sketch has nothing to draw; nothing is ever emitted outside the work area, and no
     *     coordinate is ever NaN or infinite
     */
    default GcodeProgram translate(Sketch sketch, Placement placement, FirmwareProfile profile) {
        return translate(List.of(sketch), List.of(placement), profile);
    }

    /** Several sketches on one page, each with its own placement, as one program. */
    GcodeProgram translate(List<Sketch> sketches, List<Placement> placements, FirmwareProfile profile);

    /**
     * Layers of one drawing (see {@link PlotPlanner#planLayers}) as one program, with the profile's
     * {@linkplain FirmwareProfile.PenChange pen change} between layers; each change's program pause
     * carries a comment telling the operator which layer comes next.
     */
    GcodeProgram translateLayers(List<Layer> layers, Placement placement, FirmwareProfile profile);
}
