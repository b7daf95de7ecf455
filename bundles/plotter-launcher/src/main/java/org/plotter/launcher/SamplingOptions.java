package org.plotter.launcher;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import picocli.CommandLine.Option;

/** Which model, what to draw, and how adventurous: shared by draw and sample. */
final class SamplingOptions {
    @Option(names = {"-c", "--class"}, paramLabel = "NAME", description = "What to draw, e.g. cat. Chooses a checkpoint from the model path unless --model is given.")
    String sketchClass;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "Checkpoint to sample from (e.g. a magenta .gen.json).")
    Path model;

    @Option(names = {"-t", "--temperature"}, defaultValue = "0.4", description = "Sampling temperature, > 0; low is tidy, high is wild (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = {"-s", "--seed"}, description = "Random seed; the same seed gives the same sketch (default: random, printed).")
    Long seed;

    SamplingRequest request() {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidInputException("--temperature must be a positive number, got " + temperature);
        }
        return SamplingRequest.of(sketchClass, temperature, seed());
    }

    long seed() {
        if (seed == null) {
            seed = ThreadLocalRandom.current().nextLong(1_000_000);
        }
        return seed;
    }

    /** CLASS-SEED, or the model's own name when no class was asked for; always a safe file name. */
    String baseName(SketchModel model) {
        return FileNames.safe((sketchClass != null && !sketchClass.isBlank() ? sketchClass : model.info().name()) + "-" + seed());
    }
}
