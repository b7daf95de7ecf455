package org.plotter.api.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Trains and evaluates one engine's checkpoints. Registered as an OSGi service with the
 * {@value SketchModelFactory#ENGINE} property; a checkpoint's manifest names the engine, so commands
 * find the trainer that made it. Kept apart from {@link SketchModelFactory} so that bundles which only
 * sample carry no training code.
 */
@ConsumerType
public interface SketchTrainer {
    String engine();

    /**
     * Trains a new checkpoint, or continues {@code request.out()} when {@code request.resume()}, until
     * the budget is spent or {@code request.stop()} says so; a checkpoint is written at the end either way.
     *
     * @throws org.plotter.api.InvalidInputException for unreadable data, unknown classes or hyper-parameters
     * @throws IOException when a checkpoint cannot be written
     */
    TrainingResult train(TrainingRequest request, TrainingListener listener) throws IOException;

    /**
     * The checkpoint's loss on the test split of {@code data} (the classes it knows, in its units).
     *
     * @throws org.plotter.api.InvalidInputException for unreadable data or a checkpoint of another engine
     */
    Evaluation evaluate(Path checkpoint, List<Path> data) throws IOException;

    /**
     * @param parts the loss by its parts (engine's names, e.g. {@code L_s}, {@code L_p}, {@code L_KL}) and {@code total}
     * @param perClass the total for each class
     * @param sketches how many test sketches were scored
     */
    record Evaluation(java.util.Map<String, Double> parts, java.util.Map<String, Double> perClass, int sketches) {
        public Evaluation {
            parts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parts)); // in the given order
            perClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perClass)); // in the given order
        }
    }
}
