package org.plotter.api.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.plotter.api.InvalidInputException;
import org.plotter.api.sketch.Point;

/**
 * Where a sketch goes on its page. {@link #fit} scales it to fill the area inside the margins and
 * centres it; {@link #fitInto} does the same inside one box of the page (a cell of a grid, see
 * {@link #grid}); {@link #at} puts the sketch's start point at a page position (millimetres from the
 * top-left corner, y down) at a fixed scale, so strokes can be drawn in register with what is already
 * on the paper.
 *
 * @param box for a fitted placement, the page rectangle to fit into; empty: the page inside its margins
 * @param rotation degrees the sketch is turned clockwise on the page (about its start point) before it is placed
 */
public record Placement(PageSpec page, Optional<Box> box, OptionalDouble millimetresPerUnit, Optional<Point> origin, double rotation) {
    /** A rectangle of the page, mm from its top-left corner. */
    public record Box(double x, double y, double width, double height) {
        public Box {
            if (!(width > 0 && height > 0) || !Double.isFinite(x + y + width + height)) {
                throw new IllegalArgumentException("a box needs a positive size, got " + width + " x " + height);
            }
        }
    }

    public Placement {
        if (millimetresPerUnit.isPresent() != origin.isPresent()) {
            throw new IllegalArgumentException("a fixed placement needs both a scale and an origin");
        }
        if (millimetresPerUnit.isPresent() && box.isPresent()) {
            throw new IllegalArgumentException("a placement either fits into a box or is fixed, not both");
        }
        if (!Double.isFinite(rotation)) {
            throw new InvalidInputException("rotation must be a number of degrees, got " + rotation);
        }
        if (millimetresPerUnit.isPresent() && !(millimetresPerUnit.getAsDouble() > 0 && Double.isFinite(millimetresPerUnit.getAsDouble()))) {
            throw new InvalidInputException("scale must be a positive number of millimetres per unit, got " + millimetresPerUnit.getAsDouble());
        }
    }

    public static Placement fit(PageSpec page) {
        return new Placement(page, Optional.empty(), OptionalDouble.empty(), Optional.empty(), 0);
    }

    public static Placement fitInto(PageSpec page, Box box) {
        return new Placement(page, Optional.of(box), OptionalDouble.empty(), Optional.empty(), 0);
    }

    public static Placement at(PageSpec page, Point origin, double millimetresPerUnit) {
        return new Placement(page, Optional.empty(), OptionalDouble.of(millimetresPerUnit), Optional.of(origin), 0);
    }

    /** This placement with the sketch turned {@code degrees} clockwise on the page first. */
    public Placement rotated(double degrees) {
        return new Placement(page, box, millimetresPerUnit, origin, degrees);
    }

    /**
     * The cells of a {@code rows × columns} grid over the page inside its margins, row by row from the
     * top-left, each keeping {@code gap} mm free around its sketch.
     *
     * @throws InvalidInputException if the grid is empty or its cells would have no room
     */
    public static List<Placement> grid(PageSpec page, int rows, int columns, double gap) {
        if (rows < 1 || columns < 1) {
            throw new InvalidInputException("a grid needs at least one row and one column, got " + rows + "x" + columns);
        }
        double cellWidth = page.innerWidth() / columns, cellHeight = page.innerHeight() / rows;
        if (cellWidth <= 2 * gap || cellHeight <= 2 * gap) {
            throw new InvalidInputException("a " + rows + "x" + columns + " grid leaves no room for a sketch on a "
                    + page.width() + " x " + page.height() + " mm page");
        }
        List<Placement> cells = new ArrayList<>(rows * columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cells.add(fitInto(page, new Box(page.margin() + c * cellWidth + gap, page.margin() + r * cellHeight + gap,
                        cellWidth - 2 * gap, cellHeight - 2 * gap)));
            }
        }
        return cells;
    }

    public boolean fitsToPage() {
        return origin.isEmpty();
    }
}
