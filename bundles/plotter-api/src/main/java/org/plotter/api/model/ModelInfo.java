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
        return classIndex(sketchClass) >= 0;
    }

    /** The position of {@code sketchClass} in {@link #classes()} (matched as {@link #draws} does), or -1. */
    public int classIndex(String sketchClass) {
        String wanted = classKey(sketchClass);
        for (int c = 0; c < classes.size(); c++) {
            if (classKey(classes.get(c)).equals(wanted)) {
                return c;
            }
        }
        return -1;
    }

    /** The form in which class names compare: trimmed, lower case, spaces as underscores ("Palm tree" is "palm_tree"). */
    public static String classKey(String sketchClass) {
        return sketchClass.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
