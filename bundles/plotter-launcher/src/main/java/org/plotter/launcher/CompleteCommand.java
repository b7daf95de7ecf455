package org.plotter.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.Placement;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plotter complete}: the model continues a sketch someone began. */
@Command(name = "complete", mixinStandardHelpOptions = true,
        description = {"Continues the sketch in --prefix (a sketch .json, an SVG drawing or a Quick, Draw! .ndjson line, in the",
                "model's data units) N times with seeds SEED, SEED+1, ...: each cell of the sheet holds the prefix, unchanged, and",
                "one continuation. Writes NAME.svg and NAME.png (NAME.gif with --gif; NAME.json, prefix and continuation, for one)."})
final class CompleteCommand extends SheetCommand {
    @Option(names = "--prefix", required = true, paramLabel = "FILE", description = "The beginning of a sketch.")
    Path prefix;

    @Option(names = "--n", defaultValue = "1", paramLabel = "N", description = "How many continuations (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws Exception {
        sampling.request(); // the sampling options are checked before anything is read or written
        Session session = root.session();
        Sketch begun = session.readSketch(prefix);
        List<Placement> placements = SketchSheet.cells(page.placement(session).page(), count, 0);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        String name = output.baseName(sampling.baseName(model) + "-completed");
        try (OutputFiles files = output.reserveFor(prefix, name, SketchSheet.extensions(count, sheet.gif))) {
            List<Sketch> sketches = new ArrayList<>();
            for (SamplingRequest each : requests(count)) {
                sketches.add(joined(begun, model.complete(begun, each)));
            }
            SketchSheet.write(root, session, sketches, placements, sheet.gif, name, files);
        }
        return 0;
    }

    /** The prefix, then its continuation, pen states as they are: a stroke the prefix left open goes on. */
    static Sketch joined(Sketch prefix, Sketch continuation) {
        float[][] a = prefix.toStroke3(), b = continuation.toStroke3();
        float[][] rows = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, rows, a.length, b.length);
        return Sketch.fromStroke3(rows);
    }
}
