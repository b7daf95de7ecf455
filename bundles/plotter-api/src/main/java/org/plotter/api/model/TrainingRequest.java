package org.plotter.api.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What to train: data files, the classes to take from them (all when empty), hyper-parameters by the
 * engine's names, a budget of steps or wall time (whichever ends first; zero = unbounded), where the
 * checkpoint goes, and whether to continue the one already there.
 *
 * @param stop polled between steps: true ends training with a checkpoint (Ctrl-C)
 */
public record TrainingRequest(List<Path> data, List<String> classes, Map<String, String> hyperParameters, long steps,
        Duration time, Path out, boolean resume, BooleanSupplier stop) {
    public TrainingRequest {
        data = List.copyOf(data);
        classes = List.copyOf(classes);
        hyperParameters = Map.copyOf(hyperParameters);
        if (steps < 0 || time.isNegative()) {
            throw new IllegalArgumentException("negative training budget");
        }
    }

    /** Whether {@code step} steps (counted from the checkpoint's first) or {@code elapsed} spend the budget. */
    public boolean spent(long step, Duration elapsed) {
        return (steps > 0 && step >= steps) || (!time.isZero() && elapsed.compareTo(time) >= 0);
    }
}
