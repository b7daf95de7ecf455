package org.plotter.api.sketch;

import java.util.Objects;

/**
 * The part of a drawing done with one pen: its name (a group's label or a stroke colour, empty for a
 * drawing that is not split) and its strokes. Layers of one drawing share its coordinates, so they
 * stay in register when placed together.
 */
public record Layer(String name, Sketch sketch) {
    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sketch, "sketch");
    }

    /** How a drawing is split into layers. */
    public enum Split {
        /** one layer: everything with one pen */
        NONE,
        /** one layer per top-level group (an Inkscape layer, say) */
        GROUP,
        /** one layer per stroke colour */
        COLOUR
    }
}
