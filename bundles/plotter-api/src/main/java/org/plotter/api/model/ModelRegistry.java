package org.plotter.api.model;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every installed engine and every checkpoint on the model path, kept current as engine bundles come
 * and go. The CLI, a shell and the kiosk all resolve models through it.
 */
@ProviderType
public interface ModelRegistry {
    /** Names of the engines installed now, e.g. {@code sketch-rnn}. */
    List<String> engines();

    /** The directories searched for checkpoints. */
    List<Path> modelPath();

    /** Checkpoints on the model path, in search order, usable or not. Non-regular files are never opened. */
    List<ModelEntry> catalog();

    /**
     * Loads a checkpoint with the engine that recognises it.
     *
     * @throws ModelLoadException if the file is missing, not a regular file, or no engine can load it
     */
    SketchModel load(Path checkpoint) throws ModelLoadException;

    /**
     * Loads the first checkpoint on the model path that draws {@code sketchClass} and loads cleanly;
     * a broken checkpoint never shadows a good one.
     *
     * @throws org.plotter.api.InvalidInputException if no usable checkpoint draws the class
     */
    SketchModel loadForClass(String sketchClass) throws ModelLoadException;
}
