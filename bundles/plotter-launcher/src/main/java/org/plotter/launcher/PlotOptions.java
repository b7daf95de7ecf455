package org.plotter.launcher;

import org.plotter.api.PageSpec;
import picocli.CommandLine.Option;

/** Where on the paper and for which machine: shared by draw and gcode. */
final class PlotOptions {
    @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "grbl-servo",
            description = "Firmware profile from firmware-profiles/ (grbl-servo, grbl-z) or a .properties file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--page", defaultValue = "A4", description = "Paper: A3..A6 or Letter, optionally -landscape, or WIDTHxHEIGHT in mm (default: ${DEFAULT-VALUE} portrait).")
    String page;

    @Option(names = "--margin", defaultValue = "10", paramLabel = "MM", description = "Free border on every side, mm (default: ${DEFAULT-VALUE}).")
    double margin;

    PageSpec pageSpec() {
        return PageSpec.parse(page, margin);
    }
}
