package org.plotter.launcher;

import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import picocli.CommandLine.Option;

/** Which machine and how to plan for it: shared by draw, plot and gcode. */
final class PlotOptions {
    @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "grbl-servo",
            description = "Firmware profile from firmware-profiles/ (grbl-servo, grbl-z, fluidnc, ...; see 'plotter profiles list') or a .properties file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--pen-change-every", paramLabel = "MM", description = {"Pause for a refill (pen up, parked as the profile says) before a stroke",
            "that would take the pen past MM drawn since the last change; 0: never (default: the profile's pen.change.every.mm)."})
    Double penChangeEvery;

    @Option(names = "--preview", description = {"Also write NAME.preview.png: the planned path on the machine's bed (work area, page,",
            "origin and axes, strokes numbered in drawing order, pen-up travel)."})
    boolean preview;

    /** The profile, with the command line's refill distance if one was given. */
    FirmwareProfile profile(Session session) throws InterruptedException {
        FirmwareProfile resolved = session.profiles().profile(profile);
        if (penChangeEvery == null) {
            return resolved;
        }
        if (!(penChangeEvery >= 0) || penChangeEvery.isInfinite()) {
            throw new InvalidInputException("--pen-change-every takes a distance in mm, 0 or more, got " + penChangeEvery);
        }
        return resolved.withPenChange(resolved.penChange().every(penChangeEvery));
    }
}
