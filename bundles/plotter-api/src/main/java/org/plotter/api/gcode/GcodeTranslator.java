package org.plotter.api.gcode;

import org.osgi.annotation.versioning.ConsumerType;
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
    GcodeProgram translate(Sketch sketch, Placement placement, FirmwareProfile profile);
}
