package org.plotter.api.model;

import java.util.List;
import java.util.Locale;

/**
 * What a loaded checkpoint is: its name, the engine that runs it, the classes it can draw, where it
 * was loaded from and its longest sequence.
 */
public record ModelInfo(String name, String engine, List<String> classes, String source, int maxSteps) {
    public ModelInfo {
        classes = List.copyOf(classes);
    }

    /** Whether this model draws {@code sketchClass}: names match without case, "palm tree" = "palm_tree". */
    public boolean draws(String sketchClass) {
        String wanted = key(sketchClass);
        return classes.stream().anyMatch(c -> key(c).equals(wanted));
    }

    private static String key(String sketchClass) {
        return sketchClass.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
