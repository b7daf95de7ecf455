package org.plotter.launcher;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * The planned path on the machine's bed, seen from above as the page lies: the work area and the page
 * outlined, the origin with its X and Y axes as arrows, pen-down strokes in ink, each numbered in drawing
 * order at its start, and pen-up travel (from the origin and back). Marks are drawn faint, like travel.
 */
final class PlanPreview {
    /** Length of the axis arrows, mm. */
    private static final double AXIS_MM = 25;
    private static final double ARROW_MM = 4;

    private PlanPreview() {}

    static Drawing of(Drawing machine, PageSpec page, FirmwareProfile.WorkArea area) {
        double width = area.pageWidthLimit(), height = area.pageHeightLimit();
        List<Polyline> paths = new ArrayList<>();
        paths.add(outline(new Point(0, 0), new Point(width, height)));
        paths.add(outline(bed(area, page, 0, 0, width, height), bed(area, page, page.width(), page.height(), width, height)));
        Point origin = onBed(area, 0, 0, width, height);
        paths.add(arrow(origin, onBed(area, AXIS_MM, 0, width, height)));
        paths.add(arrow(origin, onBed(area, 0, AXIS_MM, width, height)));
        int stroke = 0;
        for (Polyline p : machine.paths()) {
            List<Point> onBed = p.points().stream().map(q -> onBed(area, q.x(), q.y(), width, height)).toList();
            paths.add(new Polyline(onBed, p.penDown()));
            if (p.penDown()) {
                paths.addAll(number(++stroke, onBed.get(0), Math.max(width, height) * DIGIT_FRACTION));
            }
        }
        return new Drawing(width, height, paths);
    }

    /** Height of the stroke numbers as a fraction of the bed's larger side: readable on the picture at any bed size. */
    private static final double DIGIT_FRACTION = 1 / 80.0;

    /**
     * Seven-segment outlines of each digit, segments a (top) to g (middle) as on a display; a polyline
     * drawing has no text, and these read well at any scale.
     */
    private static final String[] SEGMENTS = {"abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"};

    /** {@code n} written {@code size} mm high in faint seven-segment digits just above and right of {@code at}, on the bed picture (y down). */
    private static List<Polyline> number(int n, Point at, double size) {
        List<Polyline> marks = new ArrayList<>();
        String digits = Integer.toString(n);
        double w = size / 2, h = size, gap = size / 4;
        for (int i = 0; i < digits.length(); i++) {
            double x = at.x() + 1 + i * (w + gap), top = at.y() - 1 - h, mid = top + h / 2, bottom = top + h;
            for (char segment : SEGMENTS[digits.charAt(i) - '0'].toCharArray()) {
                Point[] ends = switch (segment) {
                    case 'a' -> new Point[] {new Point(x, top), new Point(x + w, top)};
                    case 'b' -> new Point[] {new Point(x + w, top), new Point(x + w, mid)};
                    case 'c' -> new Point[] {new Point(x + w, mid), new Point(x + w, bottom)};
                    case 'd' -> new Point[] {new Point(x, bottom), new Point(x + w, bottom)};
                    case 'e' -> new Point[] {new Point(x, mid), new Point(x, bottom)};
                    case 'f' -> new Point[] {new Point(x, top), new Point(x, mid)};
                    default -> new Point[] {new Point(x, mid), new Point(x + w, mid)};
                };
                marks.add(new Polyline(List.of(ends), false));
            }
        }
        return marks;
    }

    /** A machine point on the bed picture. */
    private static Point onBed(FirmwareProfile.WorkArea area, double x, double y, double width, double height) {
        double[] p = area.toPage(x, y, width, height);
        return new Point(p[0], p[1]);
    }

    /** A page point on the bed picture: the page lies with its corner at the machine's origin. */
    private static Point bed(FirmwareProfile.WorkArea area, PageSpec page, double x, double y, double width, double height) {
        double[] m = area.toMachine(x, y, page.width(), page.height());
        return onBed(area, m[0], m[1], width, height);
    }

    private static Polyline outline(Point a, Point b) {
        return new Polyline(List.of(a, new Point(b.x(), a.y()), b, new Point(a.x(), b.y()), a), false);
    }

    /** A line from {@code from} to {@code to} with a head at {@code to}. */
    private static Polyline arrow(Point from, Point to) {
        double dx = to.x() - from.x(), dy = to.y() - from.y(), length = Math.hypot(dx, dy);
        double ux = dx / length, uy = dy / length;
        Point left = new Point(to.x() - ARROW_MM * (ux - uy / 2), to.y() - ARROW_MM * (uy + ux / 2));
        Point right = new Point(to.x() - ARROW_MM * (ux + uy / 2), to.y() - ARROW_MM * (uy - ux / 2));
        return new Polyline(List.of(from, to, left, to, right), false);
    }
}
