package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Polyline;

/**
 * Where a plot stops for the operator: before the first stroke of every layer after the first (a new
 * pen), and within a layer before a stroke that would take the pen past the profile's refill distance.
 * A stroke is never split: one longer than the distance is drawn whole after a change.
 */
final class PenChanges {
    /** The longest message kept: it travels as a G-code comment, and GRBL's receive buffer is 127 bytes. */
    static final int MAX_MESSAGE = 60;

    /** A change before the {@code beforeStroke}-th pen-down stroke of the whole plot (0-based), and what to tell the operator. */
    record Change(int beforeStroke, String message) {}

    private PenChanges() {}

    static List<Change> plan(List<Drawing> layers, List<String> names, FirmwareProfile.PenChange rule) {
        List<Change> changes = new ArrayList<>();
        int stroke = 0;
        for (int layer = 0; layer < layers.size(); layer++) {
            double drawn = 0;
            boolean first = true;
            for (Polyline line : layers.get(layer).paths()) {
                double length = line.length();
                if (first && layer > 0) {
                    changes.add(new Change(stroke, message(String.format(Locale.ROOT, "pen for layer %d of %d %s",
                            layer + 1, layers.size(), names.get(layer)))));
                } else if (rule.everyMillimetres() > 0 && drawn > 0 && drawn + length > rule.everyMillimetres()) {
                    changes.add(new Change(stroke, message(String.format(Locale.ROOT, "refill the pen: %.0f mm drawn since the last change", drawn))));
                    drawn = 0;
                }
                drawn += length;
                first = false;
                stroke++;
            }
        }
        return changes;
    }

    /** Printable ASCII without the characters that end or open a G-code comment. */
    private static String message(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]|[;()]", "").strip();
        return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) : clean;
    }
}
