package org.plotter.launcher;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.Placement;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.render.ImageFormat;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Sketch;

/**
 * Sketches laid out on one sheet and written as pictures: NAME.svg and NAME.png of the page as it would
 * be plotted, NAME.gif (the pen drawing, animated) when asked, and NAME.json (stroke-3, input for
 * {@code plotter gcode}) when there is one sketch. Shared by sample, interpolate and complete.
 */
final class SketchSheet {
    /** Free space around each sketch in its cell, mm. */
    static final double CELL_GAP_MM = 2;
    static final int MAX_SKETCHES = 400;

    private SketchSheet() {}

    /** The output files' extensions. */
    static String[] extensions(int sketches, boolean gif) {
        List<String> list = new ArrayList<>(List.of("svg", "png"));
        if (gif) {
            list.add("gif");
        }
        if (sketches == 1) {
            list.add(0, "json");
        }
        return list.toArray(new String[0]);
    }

    /** Cells for {@code count} sketches: a near-square grid, row by row ({@code columns} wide when given). */
    static List<Placement> cells(PageSpec page, int count, int columns) {
        if (count < 1 || count > MAX_SKETCHES) {
            throw new InvalidInputException("between 1 and " + MAX_SKETCHES + " sketches, got " + count);
        }
        int cols = columns > 0 ? columns : (int) Math.ceil(Math.sqrt(count));
        int rows = (count + cols - 1) / cols;
        return count == 1 ? List.of(Placement.fit(page)) : Placement.grid(page, rows, cols, CELL_GAP_MM).subList(0, count);
    }

    static void write(PlotterCommand root, Session session, List<Sketch> sketches, List<Placement> placements, boolean gif, String name,
                      OutputFiles files) throws Exception {
        DrawingRenderer renderer = session.renderer();
        Drawing onPage = session.planner().plan(sketches, placements, PlanOptions.DEFAULT);
        if (sketches.size() == 1) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            session.codec().write(sketches.get(0), json);
            files.stage(files.file(name, "json"), json.toByteArray());
        }
        files.stage(files.file(name, "svg"), DrawCommand.render(renderer, onPage, ImageFormat.SVG));
        files.stage(files.file(name, "png"), DrawCommand.render(renderer, onPage, ImageFormat.PNG));
        if (gif) {
            files.stage(files.file(name, "gif"), DrawCommand.render(renderer, onPage, ImageFormat.GIF));
        }
        List<Path> written = files.commit();
        for (int i = 0; i < sketches.size() && i < 20; i++) {
            Sketch s = sketches.get(i);
            root.spec.commandLine().getOut().printf("%s%s: %d strokes, %d points%n", name, sketches.size() > 1 ? " #" + (i + 1) : "", s.strokeCount(), s.size());
        }
        root.spec.commandLine().getOut().println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(" ")));
    }
}
