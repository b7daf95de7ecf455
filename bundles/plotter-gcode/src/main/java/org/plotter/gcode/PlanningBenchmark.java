package org.plotter.gcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.sketch.data.QuickDrawFile;
import org.plotter.sketch.data.QuickDrawing;

/**
 * Pen-up travel and planning time for pages of Quick, Draw! sketches laid out on a grid on A4
 * (10 mm margins), from the machine origin (bottom-left) and back: input order, greedy nearest
 * neighbour, and the improved order. Prints numbers; asserts nothing. Run by {@code tools/bench-plan}.
 */
public final class PlanningBenchmark {
    private static final double PAGE_WIDTH = 210, PAGE_HEIGHT = 297, MARGIN = 10, CELL_PAD = 2;
    private static final int TIMING_RUNS = 5;

    private PlanningBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("--gcode")) {
            writePage(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        Path dataDir = Path.of(args.length > 0 ? args[0] : "../shared/data/quickdraw-sample/data");
        List<QuickDrawing> pool = pool(dataDir);
        Point home = new Point(0, PAGE_HEIGHT);
        System.out.printf(Locale.ROOT, "%8s %8s %12s %12s %12s %14s %12s%n", "sketches", "strokes", "input mm", "greedy mm", "improved mm",
                "vs greedy", "plan ms");
        for (int count : new int[] {1, 9, 25, 100}) {
            List<Polyline> strokes = page(pool.subList(0, Math.min(count, pool.size())));
            double input = StrokeOrder.travel(strokes, home, home);
            double greedy = StrokeOrder.travel(StrokeOrder.greedy(strokes, home, home), home, home);
            List<Polyline> improved = StrokeOrder.optimised(strokes, home, home);
            double[] ms = new double[TIMING_RUNS];
            for (int run = 0; run < TIMING_RUNS; run++) {
                long t0 = System.nanoTime();
                improved = StrokeOrder.optimised(strokes, home, home);
                ms[run] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double better = StrokeOrder.travel(improved, home, home);
            System.out.printf(Locale.ROOT, "%8d %8d %12.0f %12.0f %12.0f %13.1f%% %12.1f%n", count, strokes.size(), input, greedy, better,
                    100 * (greedy - better) / greedy, ms[TIMING_RUNS / 2]);
        }
    }

    /** One drawing per class, so a page mixes classes. */
    private static List<QuickDrawing> pool(Path dataDir) throws IOException {
        List<QuickDrawing> pool = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                pool.add(QuickDrawFile.readSimplified(file).get(0));
            }
        }
        return pool;
    }

    /**
     * Writes the page of {@code count} sketches as the program the grbl-servo profile gets (planned and
     * ordered as {@code plot} plans), one line per row, for the streaming benchmark.
     */
    static void writePage(Path dataDir, int count, Path out) throws IOException {
        List<Polyline> strokes = page(pool(dataDir).subList(0, count));
        org.plotter.api.sketch.Sketch sketch = org.plotter.sketch.geometry.Strokes.toSketch(strokes);
        var profile = ProfileFile.read(Path.of(System.getProperty("plotter.home", "."), "firmware-profiles", "grbl-servo.properties"));
        var a4 = new org.plotter.api.gcode.PageSpec("A4", PAGE_WIDTH, PAGE_HEIGHT, MARGIN);
        var program = new ProfileGcodeTranslator(new PagePlanner()).translate(sketch,
                org.plotter.api.gcode.Placement.at(a4, new Point(0, 0), 1), profile);
        Files.write(out, program.lines());
        System.out.printf(Locale.ROOT, "%d sketches, %d lines, drawing %.0f mm, pen-up travel %.0f mm, estimated %.1f s%n",
                count, program.lines().size(), program.statistics().drawLength(), program.statistics().travelLength(),
                program.statistics().estimatedTime().toMillis() / 1000.0);
    }

    /** The drawings, each scaled into its cell of a square-ish grid on the page, in page millimetres. */
    static List<Polyline> page(List<QuickDrawing> drawings) {
        int columns = (int) Math.ceil(Math.sqrt(drawings.size()));
        int rows = (int) Math.ceil(drawings.size() / (double) columns);
        double cellWidth = (PAGE_WIDTH - 2 * MARGIN) / columns, cellHeight = (PAGE_HEIGHT - 2 * MARGIN) / rows;
        double scale = Math.min(cellWidth, cellHeight) - 2 * CELL_PAD;
        List<Polyline> strokes = new ArrayList<>();
        for (int d = 0; d < drawings.size(); d++) {
            double x0 = MARGIN + (d % columns) * cellWidth + CELL_PAD, y0 = MARGIN + (d / columns) * cellHeight + CELL_PAD;
            for (Polyline s : drawings.get(d).strokes()) {
                if (s.points().size() > 1) {
                    strokes.add(new Polyline(s.points().stream()
                            .map(p -> new Point(x0 + p.x() / 255 * scale, y0 + p.y() / 255 * scale)).toList(), true));
                }
            }
        }
        return strokes;
    }
}
