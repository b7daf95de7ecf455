package org.plotter.launcher;

import java.nio.file.Path;
import java.util.List;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.Placement;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plotter interpolate}: a row of sketches between two classes (or two latent draws) of one model. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Sketches along a straight line through a trained model's conditioning: from --class (with --seed) to",
                "--to (with --to-seed), in N steps, all drawn with the first seed's noise so only the conditioning changes.",
                "With --from-sketch A --to-sketch B, a VAE model's line runs between the encodings of two drawings instead.",
                "Writes NAME.svg and NAME.png (and NAME.gif with --gif). Needs a class-conditional or latent (VAE) model."})
final class InterpolateCommand extends SheetCommand {
    @Option(names = "--to", paramLabel = "NAME", description = "The class at the end of the row (default: --class).")
    String toClass;

    @Option(names = "--to-seed", paramLabel = "SEED", description = "The seed of the end's latent draw (default: --seed + 1).")
    Long toSeed;

    @Option(names = "--from-sketch", paramLabel = "FILE", description = "A drawing to start from (with --to-sketch; a VAE model only).")
    Path fromSketch;

    @Option(names = "--to-sketch", paramLabel = "FILE", description = "The drawing to end at.")
    Path toSketch;

    @Option(names = "--n", defaultValue = "8", paramLabel = "N", description = "Sketches in the row, ends included (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws Exception {
        SamplingRequest from = sampling.request();
        if (count < 2) {
            throw new InvalidInputException("--n must be at least 2 (the two ends)");
        }
        if ((fromSketch == null) != (toSketch == null)) {
            throw new InvalidInputException("--from-sketch and --to-sketch go together");
        }
        if (fromSketch != null && (toClass != null || toSeed != null)) {
            throw new InvalidInputException("--to and --to-seed choose a sampled end; with --to-sketch the ends are the two drawings");
        }
        Session session = root.session();
        List<Placement> placements = SketchSheet.cells(page.placement(session).page(), count, Math.min(count, 8));
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        if (fromSketch != null) {
            Sketch start = session.readSketch(fromSketch), end = session.readSketch(toSketch);
            String name = output.baseName(FileNames.safe(sampling.baseName(model) + "-" + stem(fromSketch) + "-to-" + stem(toSketch)));
            try (OutputFiles files = output.reserve(name, SketchSheet.extensions(count, sheet.gif))) {
                SketchSheet.write(root, session, model.interpolate(start, end, from, count), placements, sheet.gif, name, files);
            }
            return 0;
        }
        SamplingRequest to = SamplingRequest.of(toClass != null ? toClass : sampling.sketchClass, from.temperature(),
                toSeed != null ? toSeed : from.seed() + 1);
        String name = output.baseName(FileNames.safe(sampling.baseName(model) + "-to-" + to.sketchClass().orElse("seed" + to.seed())));
        try (OutputFiles files = output.reserve(name, SketchSheet.extensions(count, sheet.gif))) {
            List<Sketch> sketches = model.interpolate(from, to, count);
            SketchSheet.write(root, session, sketches, placements, sheet.gif, name, files);
        }
        return 0;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }
}
