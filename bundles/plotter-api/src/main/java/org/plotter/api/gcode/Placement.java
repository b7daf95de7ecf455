package org.plotter.api.gcode;

import java.util.Optional;
import java.util.OptionalDouble;
import org.plotter.api.InvalidInputException;
import org.plotter.api.sketch.Point;

/**
 * Where a sketch goes on its page. {@link #fit} scales it to fill the area inside the margins and
 * centres it; {@link #at} puts the sketch's start point at a page position (millimetres from the
 * top-left corner, y down) at a fixed scale, so strokes can be drawn in register with what is already
 * on the paper.
 */
public record Placement(PageSpec page, OptionalDouble millimetresPerUnit, Optional<Point> origin) {
    public Placement {
        if (millimetresPerUnit.isPresent() != origin.isPresent()) {
            throw new IllegalArgumentException("a fixed placement needs both a scale and an origin");
        }
        if (millimetresPerUnit.isPresent() && !(millimetresPerUnit.getAsDouble() > 0 && Double.isFinite(millimetresPerUnit.getAsDouble()))) {
            throw new InvalidInputException("scale must be a positive number of millimetres per unit, got " + millimetresPerUnit.getAsDouble());
        }
    }

    public static Placement fit(PageSpec page) {
        return new Placement(page, OptionalDouble.empty(), Optional.empty());
    }

    public static Placement at(PageSpec page, Point origin, double millimetresPerUnit) {
        return new Placement(page, OptionalDouble.of(millimetresPerUnit), Optional.of(origin));
    }

    public boolean fitsToPage() {
        return origin.isEmpty();
    }
}
