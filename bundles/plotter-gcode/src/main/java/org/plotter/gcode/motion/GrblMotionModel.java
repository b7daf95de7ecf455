package org.plotter.gcode.motion;

import java.util.List;

/**
 * The arithmetic of GRBL 1.1's planner ({@code planner.c}), for one axis acceleration and maximum rate
 * shared by X, Y and Z: a block's acceleration and rate are limited by the axis that moves fastest in
 * it; the speed through a corner comes from the junction deviation; each block accelerates, cruises and
 * decelerates within what its successors allow, planning over at most {@code plannerBlocks} blocks,
 * the last of which must be able to stop.
 *
 * @param acceleration mm/s² per axis ({@code $120}..{@code $122})
 * @param maxRate mm/min per axis ({@code $110}..{@code $112}), also the rate of {@code G0}
 * @param junctionDeviation mm ({@code $11})
 * @param plannerBlocks how many blocks the planner holds (GRBL on an ATmega328p: 15 usable of 16)
 */
public record GrblMotionModel(double acceleration, double maxRate, double junctionDeviation, int plannerBlocks) {
    /** GRBL's MINIMUM_JUNCTION_SPEED: stop at a full reversal. */
    private static final double MINIMUM_JUNCTION_SPEED = 0.0;
    /** GRBL treats a junction within this of straight as straight, and within this of reversal as reversal. */
    private static final double COS_LIMIT = 0.999999;
    private static final double SECONDS_PER_MINUTE = 60.0;

    public GrblMotionModel {
        if (!(acceleration > 0 && maxRate > 0 && junctionDeviation >= 0 && plannerBlocks > 0)) {
            throw new IllegalArgumentException("invalid motion settings");
        }
    }

    /** A straight move: its length in mm, its unit direction, and its nominal speed in mm/s after the axis limits. */
    public record Block(double length, double ux, double uy, double uz, double nominalSpeed, double blockAcceleration) {}

    /** A block from {@code from} to {@code to} (mm) at {@code feed} mm/min ({@code rapid}: the maximum rate); null if it does not move. */
    public Block block(double[] from, double[] to, double feed, boolean rapid) {
        double dx = to[0] - from[0], dy = to[1] - from[1], dz = to[2] - from[2];
        double length = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (length == 0) {
            return null;
        }
        double ux = dx / length, uy = dy / length, uz = dz / length;
        double axisLimit = axisLimit(ux, uy, uz);
        double rate = Math.min(rapid ? Double.POSITIVE_INFINITY : feed, maxRate * axisLimit) / SECONDS_PER_MINUTE;
        return new Block(length, ux, uy, uz, rate, acceleration * axisLimit);
    }

    /** How much faster than one axis's limit a move along (ux, uy, uz) may go: 1 / the largest component. */
    private static double axisLimit(double ux, double uy, double uz) {
        return 1.0 / Math.max(Math.abs(ux), Math.max(Math.abs(uy), Math.abs(uz)));
    }

    /** The highest speed² (mm²/s²) with which the machine may pass from {@code previous} into {@code next}. */
    public double junctionSpeedSquared(Block previous, Block next) {
        double cosTheta = -(previous.ux() * next.ux() + previous.uy() * next.uy() + previous.uz() * next.uz());
        double limit;
        if (cosTheta > COS_LIMIT) {
            limit = MINIMUM_JUNCTION_SPEED * MINIMUM_JUNCTION_SPEED; // a reversal
        } else if (cosTheta < -COS_LIMIT) {
            limit = Double.POSITIVE_INFINITY; // straight on
        } else {
            double jx = next.ux() - previous.ux(), jy = next.uy() - previous.uy(), jz = next.uz() - previous.uz();
            double norm = Math.sqrt(jx * jx + jy * jy + jz * jz);
            double junctionAcceleration = acceleration * axisLimit(jx / norm, jy / norm, jz / norm);
            double sinHalfTheta = Math.sqrt(0.5 * (1.0 - cosTheta));
            limit = Math.max(MINIMUM_JUNCTION_SPEED * MINIMUM_JUNCTION_SPEED,
                    junctionAcceleration * junctionDeviation * sinHalfTheta / (1.0 - sinHalfTheta));
        }
        double nominal = Math.min(previous.nominalSpeed(), next.nominalSpeed());
        return Math.min(limit, nominal * nominal);
    }

    /**
     * The exit speed² of {@code blocks.get(from)} as the planner plans it when that block starts with
     * {@code entrySpeedSquared} and the following blocks (up to the planner's size) are queued
     * behind it; the last queued block must be able to stop. {@code junctions[i]} is the limit
     * between block i and i+1.
     */
    public double plannedExitSquared(List<Block> blocks, double[] junctions, int from, double entrySpeedSquared) {
        int end = Math.min(blocks.size(), from + plannerBlocks);
        // reverse pass: from a stop at the end of the window back to the first block's exit
        double exit = 0;
        for (int i = end - 1; i > from; i--) {
            Block b = blocks.get(i);
            exit = Math.min(junctions[i - 1], exit + 2 * b.blockAcceleration() * b.length());
        }
        // forward: the first block cannot exit faster than it can accelerate to from its entry
        Block first = blocks.get(from);
        return end - from == 1 ? 0 : Math.min(exit, entrySpeedSquared + 2 * first.blockAcceleration() * first.length());
    }

    /** Seconds to run a block from entry to exit speed (both squared, both reachable), cruising at most at its nominal speed. */
    public static double seconds(Block b, double entrySquared, double exitSquared) {
        double a = b.blockAcceleration(), v0 = Math.sqrt(entrySquared), v1 = Math.sqrt(exitSquared), vn = b.nominalSpeed();
        double accelerating = (vn * vn - entrySquared) / (2 * a), decelerating = (vn * vn - exitSquared) / (2 * a);
        if (accelerating + decelerating <= b.length()) {
            return (vn - v0) / a + (vn - v1) / a + (b.length() - accelerating - decelerating) / vn;
        }
        double peak = Math.sqrt(Math.max(Math.max(entrySquared, exitSquared), (2 * a * b.length() + entrySquared + exitSquared) / 2));
        return (peak - v0) / a + (peak - v1) / a;
    }

    /** The rest of a block once {@code travelled} mm of it are done: same direction, speed and acceleration. */
    public static Block remainder(Block b, double travelled) {
        return new Block(Math.max(0, b.length() - travelled), b.ux(), b.uy(), b.uz(), b.nominalSpeed(), b.blockAcceleration());
    }

    /** Speed {@code t} seconds into a block run from entry to exit speed (both squared). */
    public static double speedAfter(Block b, double entrySquared, double exitSquared, double t) {
        double a = b.blockAcceleration(), v0 = Math.sqrt(entrySquared), v1 = Math.sqrt(exitSquared), vn = b.nominalSpeed();
        double accelerating = (vn * vn - entrySquared) / (2 * a), decelerating = (vn * vn - exitSquared) / (2 * a);
        double peak = accelerating + decelerating <= b.length() ? vn
                : Math.sqrt(Math.max(Math.max(entrySquared, exitSquared), (2 * a * b.length() + entrySquared + exitSquared) / 2));
        double tUp = (peak - v0) / a;
        double cruise = b.length() - (peak * peak - entrySquared) / (2 * a) - (peak * peak - exitSquared) / (2 * a);
        double tCruise = cruise / peak;
        if (t <= tUp) {
            return v0 + a * t;
        }
        if (t <= tUp + tCruise) {
            return peak;
        }
        return Math.max(v1, peak - a * (t - tUp - tCruise));
    }

    /** Distance covered {@code t} seconds into a block run from entry to exit speed (both squared). */
    public static double distanceAfter(Block b, double entrySquared, double exitSquared, double t) {
        double a = b.blockAcceleration(), v0 = Math.sqrt(entrySquared), v1 = Math.sqrt(exitSquared), vn = b.nominalSpeed();
        double accelerating = (vn * vn - entrySquared) / (2 * a), decelerating = (vn * vn - exitSquared) / (2 * a);
        double peak = accelerating + decelerating <= b.length() ? vn
                : Math.sqrt(Math.max(Math.max(entrySquared, exitSquared), (2 * a * b.length() + entrySquared + exitSquared) / 2));
        double tUp = (peak - v0) / a, tDown = (peak - v1) / a;
        double upDistance = (peak * peak - entrySquared) / (2 * a);
        double cruise = b.length() - upDistance - (peak * peak - exitSquared) / (2 * a);
        double tCruise = cruise / peak;
        if (t <= tUp) {
            return v0 * t + a * t * t / 2;
        }
        if (t <= tUp + tCruise) {
            return upDistance + peak * (t - tUp);
        }
        double td = Math.min(t - tUp - tCruise, tDown);
        return Math.min(b.length(), upDistance + cruise + peak * td - a * td * td / 2);
    }
}
