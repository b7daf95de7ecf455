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

/** {@code plotter reconstruct}: a VAE encodes a sketch and draws it again. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Encodes the sketch in --input (a sketch .json, an SVG drawing or a Quick, Draw! .ndjson line, in the model's",
                "data units) with a VAE model's encoder and decodes its latent mean N times, with seeds SEED, SEED+1, ...: the",
                "paper's reconstruction. The sheet's first cell is the input. Writes NAME.svg and NAME.png (NAME.gif with --gif)."})
final class ReconstructCommand extends SheetCommand {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The sketch to encode.")
    Path input;

    @Option(names = "--n", defaultValue = "3", paramLabel = "N", description = "How many reconstructions (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws Exception {
        sampling.request(); // the sampling options are checked before anything is read or written
        if (count < 1) {
            throw new InvalidInputException("--n must be at least 1");
        }
        Session session = root.session();
        Sketch original = session.readSketch(input);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        if (!model.encodes()) {
            throw new InvalidInputException("model '" + model.info().name() + "' has no encoder (it is not a VAE); train one with z_size > 0");
        }
        List<Placement> placements = SketchSheet.cells(page.placement(session).page(), count + 1, 0);
        String name = output.baseName(sampling.baseName(model) + "-reconstructed");
        try (OutputFiles files = output.reserveFor(input, name, SketchSheet.extensions(count + 1, sheet.gif))) {
            List<Sketch> sketches = new ArrayList<>(List.of(original));
            for (SamplingRequest each : requests(count)) {
                sketches.add(model.reconstruct(original, each));
            }
            SketchSheet.write(root, session, sketches, placements, sheet.gif, name, files);
        }
        return 0;
    }
}
