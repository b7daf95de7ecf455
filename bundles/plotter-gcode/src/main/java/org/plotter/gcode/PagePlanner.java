package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.Placement;
import org.plotter.api.gcode.PlotPlanner;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Layer;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.geometry.Bounds;
import org.plotter.sketch.geometry.Simplification;
import org.plotter.sketch.geometry.Strokes;

/**
 * Places a sketch on the page, in page millimetres (origin top-left, y down): either scaled uniformly
 * to fill the area inside the margins and centred, or at a fixed origin and scale. Then, as the
 * {@link PlanOptions} say, it drops what a pen cannot draw (steps shorter than the minimum, detail below
 * the simplification tolerance), orders the strokes, each in the better direction, to shorten pen-up
 * travel from and back to the machine's origin (the page's bottom-left corner), and joins strokes whose
 * ends meet within the merge distance. Ordering and joining never change the set of drawn segments.
 */
@Component(service = PlotPlanner.class, property = PlotPlanner.PLANNER + "=page")
public class PagePlanner implements PlotPlanner {
    private static final String NOTHING_TO_DRAW = "the sketch has no strokes to draw";

    @Override
    public Drawing plan(List<Sketch> sketches, List<Placement> placements, PlanOptions options) {
        if (sketches.size() != placements.size() || sketches.isEmpty()) {
            throw new IllegalArgumentException(sketches.size() + " sketches for " + placements.size() + " placements");
        }
        PageSpec page = placements.get(0).page();
        List<Polyline> placed = new ArrayList<>();
        int drawn = 0;
        for (int i = 0; i < sketches.size(); i++) {
            if (!placements.get(i).page().equals(page)) {
                throw new InvalidInputException("all sketches of one plan go on one page");
            }
            // on a sheet of many, a sketch without strokes (a model that ended at once) leaves its cell blank
            List<Polyline> strokes = rotated(Strokes.of(sketches.get(i)), placements.get(i).rotation());
            if (!strokes.isEmpty()) {
                drawn++;
                placed.addAll(place(strokes, placements.get(i), Transform.of(strokes, placements.get(i)), options));
            }
        }
        if (drawn == 0) {
            throw new InvalidInputException(sketches.size() == 1 ? NOTHING_TO_DRAW : "none of the " + sketches.size() + " sketches has a stroke to draw");
        }
        return new Drawing(page.width(), page.height(), ordered(placed, page, options));
    }

    @Override
    public List<Drawing> planLayers(List<Layer> layers, Placement placement, PlanOptions options) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to plan");
        }
        List<List<Polyline>> strokes = new ArrayList<>();
        for (Layer layer : layers) {
            strokes.add(strokes(layer.sketch(), placement));
        }
        // one transform for all layers, from all their strokes: the layers stay in register
        Transform transform = Transform.of(strokes.stream().flatMap(List::stream).toList(), placement);
        List<Drawing> planned = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            List<Polyline> placed = place(strokes.get(i), placement, transform, options);
            if (placed.isEmpty()) {
                throw new InvalidInputException("layer '" + layers.get(i).name() + "' has nothing to draw: every stroke is shorter than "
                        + options.minimumStepMillimetres() + " mm on the page");
            }
            planned.add(new Drawing(placement.page().width(), placement.page().height(), ordered(placed, placement.page(), options)));
        }
        return planned;
    }

    /** The strokes in the options' order, from and back to the machine's origin, touching ones joined. */
    private static List<Polyline> ordered(List<Polyline> placed, PageSpec page, PlanOptions options) {
        if (placed.isEmpty()) {
            throw new InvalidInputException("the sketch is too small to draw: every stroke is shorter than "
                    + options.minimumStepMillimetres() + " mm on the page");
        }
        Point home = new Point(0, page.height()); // the machine's origin, where every plot starts and ends
        List<Polyline> ordered = switch (options.order()) {
            case AS_DRAWN -> placed;
            case GREEDY -> StrokeOrder.greedy(placed, home, home);
            case IMPROVED -> StrokeOrder.optimised(placed, home, home);
        };
        return options.mergeMillimetres() > 0 ? StrokeMerge.joinTouching(ordered, options.mergeMillimetres()) : ordered;
    }

    /** A sketch's strokes, turned as the placement says, in sketch units. */
    private static List<Polyline> strokes(Sketch sketch, Placement placement) {
        List<Polyline> strokes = rotated(Strokes.of(sketch), placement.rotation());
        if (strokes.isEmpty()) {
            throw new InvalidInputException(NOTHING_TO_DRAW);
        }
        return strokes;
    }

    /** Sketch units to page millimetres: a uniform scale and an offset. */
    private record Transform(double scale, double offsetX, double offsetY) {
        /** Fitted to {@code strokes} (inside the placement's box, centred), or the placement's fixed scale and origin. */
        static Transform of(List<Polyline> strokes, Placement placement) {
            if (!placement.fitsToPage()) {
                return new Transform(placement.millimetresPerUnit().getAsDouble(), placement.origin().get().x(), placement.origin().get().y());
            }
            PageSpec page = placement.page();
            Placement.Box box = placement.box().orElse(new Placement.Box(page.margin(), page.margin(), page.innerWidth(), page.innerHeight()));
            Bounds bounds = Bounds.of(strokes);
            // A perfectly straight horizontal or vertical sketch has one zero extent: fit the other.
            double scale = Math.min(
                    bounds.width() > 0 ? box.width() / bounds.width() : Double.POSITIVE_INFINITY,
                    bounds.height() > 0 ? box.height() / bounds.height() : Double.POSITIVE_INFINITY);
            if (Double.isInfinite(scale)) {
                throw new InvalidInputException("the sketch is a single point: nothing to draw");
            }
            return new Transform(scale,
                    box.x() + (box.width() - bounds.width() * scale) / 2 - bounds.minX() * scale,
                    box.y() + (box.height() - bounds.height() * scale) / 2 - bounds.minY() * scale);
        }
    }

    /** Strokes on the page, without what a pen cannot draw. */
    private static List<Polyline> place(List<Polyline> strokes, Placement placement, Transform transform, PlanOptions options) {
        PageSpec page = placement.page();
        List<Polyline> placed = new ArrayList<>(strokes.size());
        for (Polyline stroke : strokes) {
            List<Point> points = new ArrayList<>(stroke.points().size());
            for (Point p : stroke.points()) {
                Point q = new Point(transform.offsetX() + p.x() * transform.scale(), transform.offsetY() + p.y() * transform.scale());
                if (!Double.isFinite(q.x()) || !Double.isFinite(q.y())) {
                    throw new InvalidInputException("the sketch's coordinates are too large to place on the page");
                }
                if (!placement.fitsToPage() && !onPage(q, page)) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "the placed sketch leaves the %.0f x %.0f mm page at (%.1f, %.1f) mm", page.width(), page.height(), q.x(), q.y()));
                }
                points.add(q);
            }
            Polyline drawable = withoutTinySteps(points, options.minimumStepMillimetres());
            if (drawable != null) {
                placed.add(options.simplifyMillimetres() > 0 ? Simplification.simplify(drawable, options.simplifyMillimetres()) : drawable);
            }
        }
        return placed;
    }

    /** The strokes turned clockwise on the page (y down) about (0, 0), the sketch's start. */
    private static List<Polyline> rotated(List<Polyline> strokes, double degrees) {
        if (degrees % 360 == 0) {
            return strokes;
        }
        double radians = Math.toRadians(degrees), cos = Math.cos(radians), sin = Math.sin(radians);
        // exact quarter turns, so a rotated straight line stays straight to the last digit
        if (degrees % 90 == 0) {
            cos = Math.round(cos);
            sin = Math.round(sin);
        }
        double c = cos, s = sin;
        return strokes.stream().map(stroke -> new Polyline(stroke.points().stream()
                .map(p -> new Point(p.x() * c - p.y() * s, p.x() * s + p.y() * c)).toList(), stroke.penDown())).toList();
    }

    private static boolean onPage(Point p, PageSpec page) {
        return p.x() >= 0 && p.y() >= 0 && p.x() <= page.width() && p.y() <= page.height();
    }

    /** The stroke without steps the pen cannot make; null if nothing of it is left to draw. */
    private static Polyline withoutTinySteps(List<Point> points, double minimumStep) {
        List<Point> kept = new ArrayList<>(points.size());
        kept.add(points.get(0));
        for (Point p : points.subList(1, points.size())) {
            // a zero step is never drawable, even with no minimum
            if (p.distanceTo(kept.get(kept.size() - 1)) >= minimumStep && !p.equals(kept.get(kept.size() - 1))) {
                kept.add(p);
            }
        }
        return kept.size() > 1 ? new Polyline(kept, true) : null;
    }
}
