package org.plotter.api.model;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One per model engine (architecture): recognises and loads that engine's checkpoints. Registered
 * as an OSGi service with the {@value #ENGINE} property.
 */
@ConsumerType
public interface SketchModelFactory {
    /** Service property naming the engine, e.g. {@code sketch-rnn}. */
    String ENGINE = "plotter.engine";

    String engine();

    /** Whether {@code checkpoint} looks like one of this engine's files (cheap: name and header only). */
    boolean canLoad(Path checkpoint);

    /** Reads the checkpoint's description without loading its weights. */
    ModelInfo describe(Path checkpoint) throws ModelLoadException;

    SketchModel load(Path checkpoint) throws ModelLoadException;
}
