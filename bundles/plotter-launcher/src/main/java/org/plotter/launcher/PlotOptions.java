package org.plotter.launcher;

import picocli.CommandLine.Option;

/** Which machine: shared by draw and gcode. */
final class PlotOptions {
    @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "grbl-servo",
            description = "Firmware profile from firmware-profiles/ (grbl-servo, grbl-z) or a .properties file (default: ${DEFAULT-VALUE}).")
    String profile;
}
