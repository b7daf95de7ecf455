package org.plotter.api.model;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** Hears how training goes; every method is called on the training thread. */
@ConsumerType
public interface TrainingListener {
    /** Before the first step: what is being trained, in one line, and the step it starts from. */
    default void started(String summary, long firstStep) {}

    /** After each step. */
    default void stepped(TrainingProgress progress) {}

    /** After each validation: the held-out loss per class and over all. */
    default void validated(long step, Map<String, Double> loss) {}

    default void checkpointed(Path checkpoint, long step) {}
}
