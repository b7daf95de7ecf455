package org.plotter.api.gcode;

import org.plotter.api.InvalidInputException;

/**
 * A sheet of paper in millimetres and the margin kept free on every side. Named sizes are resolved by
 * a {@link PageCatalog}.
 */
public record PageSpec(String name, double width, double height, double margin) {
    public PageSpec {
        if (!(width > 0) || !(height > 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new InvalidInputException("page size must be positive and finite, got " + width + " x " + height + " mm");
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new InvalidInputException("margin must be zero or more millimetres, got " + margin);
        }
        if (2 * margin >= Math.min(width, height)) {
            throw new InvalidInputException("margin " + margin + " mm leaves no room on a " + width + " x " + height + " mm page");
        }
    }

    /** Width of the area inside the margins. */
    public double innerWidth() {
        return width - 2 * margin;
    }

    /** Height of the area inside the margins. */
    public double innerHeight() {
        return height - 2 * margin;
    }
}
