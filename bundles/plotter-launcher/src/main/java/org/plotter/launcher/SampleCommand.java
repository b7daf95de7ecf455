package org.plotter.launcher;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.Placement;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Sampling without a machine: pictures of the sketches on the page, and the sketch as JSON (for 'plotter gcode'). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Samples sketches and writes NAME.svg and NAME.png: the sketches placed on the page as they would be plotted,",
                "in millimetres (--n or --grid: a grid of them, seeds SEED, SEED+1, ...), NAME.gif with --gif (the pen drawing,",
                "animated), and for one sketch NAME.json (stroke-3 in the model's units, input for 'plotter gcode'). No machine needed."})
final class SampleCommand extends SheetCommand {
    @Option(names = "--n", paramLabel = "N", description = "How many sketches, in a near-square grid (default: 1, or the --grid's cells).")
    Integer count;

    @Override
    public Integer call() throws Exception {
        sampling.request(); // the sampling options are checked before anything is read or written
        Session session = root.session();
        if (count != null && page.grid != null) {
            throw new InvalidInputException("--n and --grid both say how many sketches; give one");
        }
        List<Placement> placements = count == null ? page.placements(session) : SketchSheet.cells(page.placement(session).page(), count, 0);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        String name = output.baseName(sampling.baseName(model));
        try (OutputFiles files = output.reserve(name, SketchSheet.extensions(placements.size(), sheet.gif))) {
            List<Sketch> sketches = new ArrayList<>();
            for (SamplingRequest each : requests(placements.size())) {
                sketches.add(model.sample(each));
            }
            SketchSheet.write(root, session, sketches, placements, sheet.gif, name, files);
        }
        return 0;
    }
}
