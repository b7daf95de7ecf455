package org.plotter.api;

import java.util.List;

/**
 * What a loaded checkpoint is: its name, the engine that runs it, the classes it can draw, where it
 * was loaded from and its longest sequence.
 */
public record ModelInfo(String name, String engine, List<String> classes, String source, int maxSteps) {
    public ModelInfo {
        classes = List.copyOf(classes);
    }
}
