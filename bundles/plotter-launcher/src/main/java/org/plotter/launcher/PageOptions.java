package org.plotter.launcher;

import org.plotter.api.gcode.PageSpec;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Point;
import picocli.CommandLine.Option;

/** Where on the paper: shared by draw, sample and gcode. */
final class PageOptions {
    @Option(names = "--page", defaultValue = "A4", description = "Paper: A3..A6 or Letter, optionally -landscape, or WIDTHxHEIGHT in mm (default: ${DEFAULT-VALUE} portrait).")
    String page;

    @Option(names = "--margin", defaultValue = "10", paramLabel = "MM", description = "Free border on every side, mm (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--scale", paramLabel = "S", description = {"Place at S mm per unit from the page's top-left corner instead of",
            "fitting inside the margins (for an SVG, 1 is its own size)."})
    Double scale;

    Placement placement(Session session) throws InterruptedException {
        PageSpec spec = session.pages().page(page, margin);
        return scale == null ? Placement.fit(spec) : Placement.at(spec, new Point(0, 0), scale);
    }
}
