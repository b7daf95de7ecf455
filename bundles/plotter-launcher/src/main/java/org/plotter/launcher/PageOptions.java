package org.plotter.launcher;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.InvalidInputException;
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

    @Option(names = "--grid", paramLabel = "RxC", description = {"Several sketches on one sheet: R rows and C columns of cells",
            "inside the margins, one sketch fitted into each (draw samples R×C sketches, seeds SEED, SEED+1, ...)."})
    String grid;

    @Option(names = "--rotate", paramLabel = "DEGREES", defaultValue = "0",
            description = "Turn the drawing clockwise on the page before placing it, e.g. 90 (default: ${DEFAULT-VALUE}).")
    double rotate;

    /** Free space around each sketch in its grid cell, mm. */
    private static final double CELL_GAP_MM = 2;

    /** The placements: one, or one per grid cell. */
    List<Placement> placements(Session session) throws InterruptedException {
        if (grid == null) {
            return List.of(placement(session));
        }
        if (scale != null) {
            throw new InvalidInputException("--grid fits each sketch into its cell; it does not go with --scale");
        }
        Matcher m = GRID.matcher(grid.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("--grid takes ROWSxCOLUMNS, e.g. 3x3, got '" + grid + "'");
        }
        int rows = Integer.parseInt(m.group(1)), columns = Integer.parseInt(m.group(2));
        if (rows * columns > MAX_CELLS) {
            throw new InvalidInputException("--grid " + grid + " asks for " + rows * columns + " sketches; at most " + MAX_CELLS);
        }
        return Placement.grid(session.pages().page(page, margin), rows, columns, CELL_GAP_MM).stream().map(p -> p.rotated(rotate)).toList();
    }

    private static final Pattern GRID = Pattern.compile("(\\d{1,3})x(\\d{1,3})");
    private static final int MAX_CELLS = 400;

    Placement placement(Session session) throws InterruptedException {
        PageSpec spec = session.pages().page(page, margin);
        return (scale == null ? Placement.fit(spec) : Placement.at(spec, new Point(0, 0), scale)).rotated(rotate);
    }
}
