package org.plotter.api.gcode;

import java.util.Objects;

/**
 * How a planner prepares strokes for the pen: the drawing order, joining strokes whose ends meet, the
 * detail kept (Ramer–Douglas–Peucker in mm on the page) and the shortest step a pen draws. A profile
 * gives the defaults ({@code plan.*}); the command line may override each.
 *
 * @param order how strokes are ordered (and reversed) to shorten pen-up travel
 * @param mergeMillimetres join a stroke to the next when its end is at most this far from the next's start (0: never)
 * @param simplifyMillimetres drop detail below this, mm (0: keep every point)
 * @param minimumStepMillimetres drop points closer than this to the previous one; a stroke that shrinks to a point is dropped
 */
public record PlanOptions(Order order, double mergeMillimetres, double simplifyMillimetres, double minimumStepMillimetres) {
    /** Stroke order. */
    public enum Order {
        /** as the drawing has them, each in its own direction */
        AS_DRAWN,
        /** nearest neighbour, each stroke in the better direction */
        GREEDY,
        /** nearest neighbour improved by 2-opt and Or-opt on the pen-up travel */
        IMPROVED
    }

    /** Improved order, joins within 0.05 mm, detail below 0.02 mm and steps below 0.01 mm dropped: all far below a pen's width. */
    public static final PlanOptions DEFAULT = new PlanOptions(Order.IMPROVED, 0.05, 0.02, 0.01);

    public PlanOptions {
        Objects.requireNonNull(order, "order");
        for (double mm : new double[] {mergeMillimetres, simplifyMillimetres, minimumStepMillimetres}) {
            if (!(mm >= 0) || Double.isInfinite(mm)) {
                throw new IllegalArgumentException("planning distances must be 0 or positive millimetres, got " + mm);
            }
        }
    }

    public PlanOptions withOrder(Order newOrder) {
        return new PlanOptions(newOrder, mergeMillimetres, simplifyMillimetres, minimumStepMillimetres);
    }

    public PlanOptions withMerge(double mm) {
        return new PlanOptions(order, mm, simplifyMillimetres, minimumStepMillimetres);
    }

    public PlanOptions withSimplify(double mm) {
        return new PlanOptions(order, mergeMillimetres, mm, minimumStepMillimetres);
    }

    public PlanOptions withMinimumStep(double mm) {
        return new PlanOptions(order, mergeMillimetres, simplifyMillimetres, mm);
    }
}
