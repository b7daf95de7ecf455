package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.LineHolds;

/**
 * The lines a sender holds back so that {@link StopPointResumer} never takes one stop for another. The resumer
 * looks for the machine's position on the program's path between the lines surely run and the lines sent. Two
 * points of that stretch are one to it when they lie within twice its position tolerance (a report within the
 * tolerance of both). Such a pair is a hazard when there is drawing between them and the path between them
 * goes further than {@value #UNSEEN_LOOP_MM} mm from them: a closed stroke, a crossing, a stroke going back
 * over itself. A loop or spike smaller than that is a dot on paper, and holding for it would stop the machine
 * at every sharp corner. So a line whose path makes such a pair with an earlier line's waits until that line
 * has run; the latest such line is the one to wait for, since lines run in order.
 */
final class StopPointHolds {
    /** Two points of the path a reported position cannot tell apart. */
    static final double SAME_POINT_MM = 2 * StopPointResumer.POSITION_TOLERANCE_MM;
    /** The largest loop whose drawing may be mistaken for not drawn (or drawn twice): smaller than a pen's line is wide. */
    static final double UNSEEN_LOOP_MM = 1.0;
    /**
     * How far back a line looks for an earlier visit. Far more than a machine holds unrun (GRBL: a planner of 15
     * blocks and a 127-byte receive buffer; Marlin: the lines since its last {@code M400}), and a bound on the work.
     */
    static final int LOOKBACK_LINES = 1000;
    /** Bisection steps that find where two segments stop being within {@link #SAME_POINT_MM}: far below a motor step. */
    private static final int BISECTIONS = 40;

    /** One line's path: where it starts, then the points it passes through (chords of an arc), in mm. */
    private record Path(double[][] points, double minX, double minY, double maxX, double maxY) {
        static Path of(List<double[]> points) {
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (double[] p : points) {
                minX = Math.min(minX, p[0]);
                minY = Math.min(minY, p[1]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
            return new Path(points.toArray(double[][]::new), minX, minY, maxX, maxY);
        }

        boolean moves() {
            return points.length > 1;
        }

        boolean near(Path other) {
            return minX - SAME_POINT_MM <= other.maxX && other.minX <= maxX + SAME_POINT_MM
                    && minY - SAME_POINT_MM <= other.maxY && other.minY <= maxY + SAME_POINT_MM;
        }

        /** The piece from point {@code i} to the next; a line that does not move is one piece of no length. */
        double[] from(int i) {
            return points[i];
        }

        double[] to(int i) {
            return points[Math.min(i + 1, points.length - 1)];
        }

        int pieces() {
            return Math.max(1, points.length - 1);
        }
    }

    private StopPointHolds() {
    }

    static LineHolds of(List<String> lines, FirmwareProfile profile) {
        List<ProgramFollower.State> after = new ProgramFollower(profile).follow(lines);
        int n = lines.size();
        List<Path> paths = new ArrayList<>(n + 1);
        double[] inkUpTo = new double[n + 1];
        paths.add(null); // lines are numbered from 1
        for (int m = 1; m <= n; m++) {
            ProgramFollower.State before = after.get(m - 1), state = after.get(m);
            List<double[]> points = new ArrayList<>();
            points.add(new double[] {before.x(), before.y()});
            double length = state.moved() ? state.lengthFrom(before) : 0;
            if (length > 0) {
                points.addAll(state.pathFrom(before));
            }
            paths.add(Path.of(points));
            inkUpTo[m] = inkUpTo[m - 1] + (state.penDown() ? length : 0);
        }
        int[] mustHaveRun = new int[n];
        for (int k = 1; k <= n; k++) {
            Path line = paths.get(k);
            if (!line.moves()) {
                continue; // a line that does not move adds no point: the one it stays at, the line before reached
            }
            for (int j = k - 1; j >= Math.max(1, k - LOOKBACK_LINES); j--) {
                boolean drawingBetween = inkUpTo[k] - inkUpTo[j - 1] > 0;
                if (drawingBetween && paths.get(j).near(line) && comesBack(paths, j, k)) {
                    mustHaveRun[k - 1] = j;
                    break;
                }
            }
        }
        return LineHolds.of(mustHaveRun);
    }

    /**
     * Whether line {@code k}'s path passes within {@link #SAME_POINT_MM} of line {@code j}'s (its start
     * included) after the path between them went further than {@link #UNSEEN_LOOP_MM} from there.
     */
    private static boolean comesBack(List<Path> paths, int j, int k) {
        Path earlier = paths.get(j), later = paths.get(k);
        for (int b = 0; b < later.pieces(); b++) {
            for (int a = 0; a < earlier.pieces(); a++) {
                double[] c = earlier.from(a), d = earlier.to(a);
                double[] near = nearInterval(c, d, later.from(b), later.to(b));
                if (near == null) {
                    continue;
                }
                // every point of the earlier piece within reach of the later one, at its two ends: distances to a
                // point are greatest at a segment's ends, so these two bound how far the path between goes
                double[] p0 = along(c, d, near[0]), p1 = along(c, d, near[1]);
                if (goesFurther(paths, j, a, k, b, p0) || goesFurther(paths, j, a, k, b, p1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the path from piece {@code a} of line {@code j} to piece {@code b} of line {@code k} has a point
     * further than {@link #UNSEEN_LOOP_MM} from {@code p}: its corners are where it is furthest.
     */
    private static boolean goesFurther(List<Path> paths, int j, int a, int k, int b, double[] p) {
        double[][] first = paths.get(j).points();
        for (int i = a + 1; i < first.length; i++) {
            if (distance(first[i], p) > UNSEEN_LOOP_MM) {
                return true;
            }
        }
        for (int m = j + 1; m < k; m++) {
            for (double[] corner : paths.get(m).points()) {
                if (distance(corner, p) > UNSEEN_LOOP_MM) {
                    return true;
                }
            }
        }
        double[][] last = paths.get(k).points();
        for (int i = 0; i <= b; i++) {
            if (distance(last[i], p) > UNSEEN_LOOP_MM) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parameters {@code [t0, t1]} of the part of segment {@code c}–{@code d} within {@link #SAME_POINT_MM} of
     * segment {@code e}–{@code f}, or null if none is. The distance to a segment is convex along a line, so that
     * part is one interval around the closest point, and its ends are found by bisection.
     */
    private static double[] nearInterval(double[] c, double[] d, double[] e, double[] f) {
        double closest = closestParameter(c, d, e, f);
        if (distanceToSegment(along(c, d, closest), e, f) > SAME_POINT_MM) {
            return null;
        }
        return new double[] {edge(c, d, e, f, closest, 0), edge(c, d, e, f, closest, 1)};
    }

    /** Bisects from {@code inside} (within reach) towards {@code outside} for the last parameter within reach. */
    private static double edge(double[] c, double[] d, double[] e, double[] f, double inside, double outside) {
        if (distanceToSegment(along(c, d, outside), e, f) <= SAME_POINT_MM) {
            return outside;
        }
        for (int i = 0; i < BISECTIONS; i++) {
            double middle = (inside + outside) / 2;
            if (distanceToSegment(along(c, d, middle), e, f) <= SAME_POINT_MM) {
                inside = middle;
            } else {
                outside = middle;
            }
        }
        return inside;
    }

    /** The parameter on {@code c}–{@code d} of its point closest to segment {@code e}–{@code f}. */
    private static double closestParameter(double[] c, double[] d, double[] e, double[] f) {
        double[] crossing = crossing(c, d, e, f);
        if (crossing != null) {
            return crossing[0];
        }
        // segments that do not cross are closest at an end of one of them
        double best = Double.MAX_VALUE, parameter = 0;
        for (double t : new double[] {0, 1, projection(e, c, d), projection(f, c, d)}) {
            double distance = distanceToSegment(along(c, d, t), e, f);
            if (distance < best) {
                best = distance;
                parameter = t;
            }
        }
        return parameter;
    }

    /** Where {@code c}–{@code d} crosses {@code e}–{@code f}: the parameters on each; null if they do not, or are parallel. */
    private static double[] crossing(double[] c, double[] d, double[] e, double[] f) {
        double rx = d[0] - c[0], ry = d[1] - c[1], sx = f[0] - e[0], sy = f[1] - e[1];
        double denominator = rx * sy - ry * sx;
        if (denominator == 0) {
            return null;
        }
        double qx = e[0] - c[0], qy = e[1] - c[1];
        double t = (qx * sy - qy * sx) / denominator, u = (qx * ry - qy * rx) / denominator;
        return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? new double[] {t, u} : null;
    }

    /** The parameter on {@code c}–{@code d} of the point closest to {@code p}, clamped to the segment. */
    private static double projection(double[] p, double[] c, double[] d) {
        double dx = d[0] - c[0], dy = d[1] - c[1], length2 = dx * dx + dy * dy;
        return length2 == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - c[0]) * dx + (p[1] - c[1]) * dy) / length2));
    }

    private static double distanceToSegment(double[] p, double[] c, double[] d) {
        return distance(p, along(c, d, projection(p, c, d)));
    }

    private static double[] along(double[] c, double[] d, double t) {
        return new double[] {c[0] + t * (d[0] - c[0]), c[1] + t * (d[1] - c[1])};
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
