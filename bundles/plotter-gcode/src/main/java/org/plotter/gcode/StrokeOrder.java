package org.plotter.gcode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Orders strokes, each drawn in either direction, to shorten pen-up travel from a start point through
 * every stroke to an end point: a greedy nearest-neighbour tour, then local improvement until no move
 * helps (or a pass limit): 2-opt (reverse a run of strokes, which also flips each of them) and Or-opt
 * (move a run of one to three strokes elsewhere, in either direction). Only the order and direction
 * change: the set of drawn segments is the same.
 */
final class StrokeOrder {
    private static final int MAX_PASSES = 50;
    private static final int MAX_CHAIN = 3;
    private static final double EPSILON = 1e-9;

    private final List<Polyline> strokes;
    private final Point start;
    private final Point end;
    private final int n;
    // each stroke's first and last point as given, unboxed: the inner loops run millions of times
    private final double[] sx, sy, ex, ey;
    // the tour: order[k] is a stroke index, flipped[k] whether it is drawn backwards
    private int[] order;
    private boolean[] flipped;

    private StrokeOrder(List<Polyline> strokes, Point start, Point end) {
        this.strokes = strokes;
        this.start = start;
        this.end = end;
        this.n = strokes.size();
        sx = new double[n];
        sy = new double[n];
        ex = new double[n];
        ey = new double[n];
        for (int i = 0; i < n; i++) {
            List<Point> p = strokes.get(i).points();
            sx[i] = p.get(0).x();
            sy[i] = p.get(0).y();
            ex[i] = p.get(p.size() - 1).x();
            ey[i] = p.get(p.size() - 1).y();
        }
    }

    private static double distance(double x1, double y1, double x2, double y2) {
        double dx = x2 - x1, dy = y2 - y1;
        return Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower, and no overflow risk at page scale
    }

    // coordinates of the tour's points: first/last of position k, the pen before k, the pen's next target after k
    private double firstX(int k) {
        return flipped[k] ? ex[order[k]] : sx[order[k]];
    }

    private double firstY(int k) {
        return flipped[k] ? ey[order[k]] : sy[order[k]];
    }

    private double lastX(int k) {
        return flipped[k] ? sx[order[k]] : ex[order[k]];
    }

    private double lastY(int k) {
        return flipped[k] ? sy[order[k]] : ey[order[k]];
    }

    private double beforeX(int k) {
        return k == 0 ? start.x() : lastX(k - 1);
    }

    private double beforeY(int k) {
        return k == 0 ? start.y() : lastY(k - 1);
    }

    private double afterX(int k) {
        return k == n - 1 ? end.x() : firstX(k + 1);
    }

    private double afterY(int k) {
        return k == n - 1 ? end.y() : firstY(k + 1);
    }

    /** Pen-up travel from {@code start} through {@code strokes} as given to {@code end}. */
    static double travel(List<Polyline> strokes, Point start, Point end) {
        double total = 0;
        Point pen = start;
        for (Polyline s : strokes) {
            total += pen.distanceTo(s.points().get(0));
            pen = s.points().get(s.points().size() - 1);
        }
        return total + pen.distanceTo(end);
    }

    /** The nearest-neighbour tour alone. */
    static List<Polyline> greedy(List<Polyline> strokes, Point start, Point end) {
        StrokeOrder tour = new StrokeOrder(strokes, start, end);
        tour.nearestNeighbour();
        return tour.result();
    }

    /** The nearest-neighbour tour, improved by 2-opt and Or-opt. */
    static List<Polyline> optimised(List<Polyline> strokes, Point start, Point end) {
        StrokeOrder tour = new StrokeOrder(strokes, start, end);
        tour.nearestNeighbour();
        for (int pass = 0; pass < MAX_PASSES && (tour.twoOpt() | tour.orOpt()); pass++) {
            // until a pass finds nothing to improve
        }
        return tour.result();
    }

    private void nearestNeighbour() {
        order = new int[n];
        flipped = new boolean[n];
        boolean[] used = new boolean[n];
        double penX = start.x(), penY = start.y();
        for (int k = 0; k < n; k++) {
            int best = -1;
            boolean bestFlip = false;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                if (used[s]) {
                    continue;
                }
                double forward = distance(penX, penY, sx[s], sy[s]), backward = distance(penX, penY, ex[s], ey[s]);
                if (forward < bestDistance) {
                    best = s;
                    bestFlip = false;
                    bestDistance = forward;
                }
                if (backward < bestDistance) {
                    best = s;
                    bestFlip = true;
                    bestDistance = backward;
                }
            }
            used[best] = true;
            order[k] = best;
            flipped[k] = bestFlip;
            penX = lastX(k);
            penY = lastY(k);
        }
    }

    /** One pass of 2-opt: reversing positions i..j flips each stroke there; true if anything improved. */
    private boolean twoOpt() {
        boolean improved = false;
        for (int i = 0; i < n; i++) {
            double ax = beforeX(i), ay = beforeY(i);
            for (int j = i; j < n; j++) {
                double bx = afterX(j), by = afterY(j);
                double delta = distance(ax, ay, lastX(j), lastY(j)) + distance(firstX(i), firstY(i), bx, by)
                        - distance(ax, ay, firstX(i), firstY(i)) - distance(lastX(j), lastY(j), bx, by);
                if (delta < -EPSILON) {
                    reverse(i, j);
                    improved = true;
                    ax = beforeX(i);
                    ay = beforeY(i);
                }
            }
        }
        return improved;
    }

    private void reverse(int i, int j) {
        for (int lo = i, hi = j; lo <= hi; lo++, hi--) {
            int o = order[lo];
            boolean f = flipped[lo];
            order[lo] = order[hi];
            flipped[lo] = !flipped[hi];
            order[hi] = o;
            flipped[hi] = !f;
        }
    }

    /** One pass of Or-opt: move runs of 1..3 strokes to the best other gap, either way round. */
    private boolean orOpt() {
        boolean improved = false;
        for (int length = 1; length <= MAX_CHAIN; length++) {
            for (int i = 0; i + length <= n; i++) {
                int j = i + length - 1;
                double ax = beforeX(i), ay = beforeY(i), bx = afterX(j), by = afterY(j);
                double fx = firstX(i), fy = firstY(i), lx = lastX(j), ly = lastY(j);
                double removed = distance(ax, ay, fx, fy) + distance(lx, ly, bx, by) - distance(ax, ay, bx, by);
                int bestGap = -1;
                boolean bestReversed = false;
                double bestGain = EPSILON;
                // gap g lies between position g-1 and g (g = 0: after the start; g = n: before the end)
                for (int g = 0; g <= n; g++) {
                    if (g >= i && g <= j + 1) {
                        continue;
                    }
                    double px = g == 0 ? start.x() : lastX(g - 1), py = g == 0 ? start.y() : lastY(g - 1);
                    double qx = g == n ? end.x() : firstX(g), qy = g == n ? end.y() : firstY(g);
                    double base = distance(px, py, qx, qy);
                    double forward = distance(px, py, fx, fy) + distance(lx, ly, qx, qy) - base;
                    double backward = distance(px, py, lx, ly) + distance(fx, fy, qx, qy) - base;
                    if (removed - forward > bestGain) {
                        bestGain = removed - forward;
                        bestGap = g;
                        bestReversed = false;
                    }
                    if (removed - backward > bestGain) {
                        bestGain = removed - backward;
                        bestGap = g;
                        bestReversed = true;
                    }
                }
                if (bestGap >= 0) {
                    move(i, length, bestGap, bestReversed);
                    improved = true;
                }
            }
        }
        return improved;
    }

    /** Moves positions i..i+length-1 into gap {@code gap} (numbered in the tour before the move). */
    private void move(int i, int length, int gap, boolean reversed) {
        int[] chain = new int[length];
        boolean[] chainFlipped = new boolean[length];
        for (int c = 0; c < length; c++) {
            int from = reversed ? i + length - 1 - c : i + c;
            chain[c] = order[from];
            chainFlipped[c] = reversed != flipped[from];
        }
        int[] newOrder = new int[n];
        boolean[] newFlipped = new boolean[n];
        int k = 0;
        for (int g = 0; g <= n; g++) {
            if (g == gap) {
                for (int c = 0; c < length; c++, k++) {
                    newOrder[k] = chain[c];
                    newFlipped[k] = chainFlipped[c];
                }
            }
            if (g < n && (g < i || g >= i + length)) {
                newOrder[k] = order[g];
                newFlipped[k] = flipped[g];
                k++;
            }
        }
        order = newOrder;
        flipped = newFlipped;
    }

    private List<Polyline> result() {
        List<Polyline> ordered = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Polyline s = strokes.get(order[k]);
            if (flipped[k]) {
                List<Point> reversed = new ArrayList<>(s.points());
                Collections.reverse(reversed);
                ordered.add(new Polyline(reversed, s.penDown()));
            } else {
                ordered.add(s);
            }
        }
        return ordered;
    }
}
