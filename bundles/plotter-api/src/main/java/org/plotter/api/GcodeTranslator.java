package org.plotter.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns a sketch into G-code for one firmware profile, fitted onto a page. */
@ConsumerType
public interface GcodeTranslator {
    /**
     * @throws IllegalArgumentException if the page does not fit the profile's work area or the
     *     sketch has nothing to draw; nothing is ever emitted outside the work area
     */
    GcodeProgram translate(Sketch sketch, PageSpec page, FirmwareProfile profile);
}
