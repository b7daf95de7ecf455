package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.PageSpec;
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
 * to fill the area inside the margins and centred, or at a fixed origin and scale. Then it drops what
 * a pen cannot draw: points closer than {@value #MIN_STEP_MM} mm to the previous one (zero-length
 * moves) and detail below {@value #SIMPLIFY_MM} mm (Ramer–Douglas–Peucker), far below a pen's width.
 * Unless configured off ({@code optimise=false} in {@value #PID}), it then orders the strokes, each in
 * the better direction, to shorten pen-up travel from and back to the machine's origin (the page's
 * bottom-left corner), and joins strokes whose ends meet within {@code merge.tolerance} mm.
 */
@Component(service = PlotPlanner.class, property = PlotPlanner.PLANNER + "=page", configurationPid = PagePlanner.PID)
@Designate(ocd = PagePlanner.Config.class)
public class PagePlanner implements PlotPlanner {
    static final String PID = "org.plotter.gcode.planner";
    static final double MIN_STEP_MM = 0.01;
    static final double SIMPLIFY_MM = 0.02;

    @ObjectClassDefinition(name = "Page planner")
    public @interface Config {
        @AttributeDefinition(description = "Reorder and reverse strokes to shorten pen-up travel")
        boolean optimise() default true;

        @AttributeDefinition(description = "Join strokes whose ends are at most this far apart, mm (0: never)")
        double merge_tolerance() default 0.05;
    }

    private volatile boolean optimise = true;
    private volatile double mergeTolerance = 0.05;

    public PagePlanner() {
    }

    PagePlanner(boolean optimise, double mergeTolerance) {
        this.optimise = optimise;
        this.mergeTolerance = mergeTolerance;
    }

    @Activate
    @Modified
    void activate(Config config) {
        optimise = config.optimise();
        mergeTolerance = Math.max(0, config.merge_tolerance());
    }

    @Override
    public Drawing plan(List<Sketch> sketches, List<Placement> placements) {
        if (sketches.size() != placements.size() || sketches.isEmpty()) {
            throw new IllegalArgumentException(sketches.size() + " sketches for " + placements.size() + " placements");
        }
        PageSpec page = placements.get(0).page();
        List<Polyline> placed = new ArrayList<>();
        for (int i = 0; i < sketches.size(); i++) {
            if (!placements.get(i).page().equals(page)) {
                throw new InvalidInputException("all sketches of one plan go on one page");
            }
            List<Polyline> strokes = strokes(sketches.get(i), placements.get(i));
            placed.addAll(place(strokes, placements.get(i), Transform.of(strokes, placements.get(i))));
        }
        return new Drawing(page.width(), page.height(), ordered(placed, page));
    }

    @Override
    public List<Drawing> planLayers(List<Layer> layers, Placement placement) {
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
            List<Polyline> placed = place(strokes.get(i), placement, transform);
            if (placed.isEmpty()) {
                throw new InvalidInputException("layer '" + layers.get(i).name() + "' has nothing to draw: every stroke is shorter than "
                        + MIN_STEP_MM + " mm on the page");
            }
            planned.add(new Drawing(placement.page().width(), placement.page().height(), ordered(placed, placement.page())));
        }
        return planned;
    }

    /** The strokes in drawing order: optimised from and back to the machine's origin unless configured off. */
    private List<Polyline> ordered(List<Polyline> placed, PageSpec page) {
        if (placed.isEmpty()) {
            throw new InvalidInputException("the sketch is too small to draw: every stroke is shorter than " + MIN_STEP_MM + " mm on the page");
        }
        if (!optimise) {
            return placed;
        }
        Point home = new Point(0, page.height()); // the machine's origin, where every plot starts and ends
        return StrokeMerge.joinTouching(StrokeOrder.optimised(placed, home, home), mergeTolerance);
    }

    /** A sketch's strokes, turned as the placement says, in sketch units. */
    private static List<Polyline> strokes(Sketch sketch, Placement placement) {
        List<Polyline> strokes = rotated(Strokes.of(sketch), placement.rotation());
        if (strokes.isEmpty()) {
            throw new InvalidInputException("the sketch has no strokes to draw");
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
    private static List<Polyline> place(List<Polyline> strokes, Placement placement, Transform transform) {
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
            Polyline drawable = withoutTinySteps(points);
            if (drawable != null) {
                placed.add(Simplification.simplify(drawable, SIMPLIFY_MM));
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
    private static Polyline withoutTinySteps(List<Point> points) {
        List<Point> kept = new ArrayList<>(points.size());
        kept.add(points.get(0));
        for (Point p : points.subList(1, points.size())) {
            if (p.distanceTo(kept.get(kept.size() - 1)) >= MIN_STEP_MM) {
                kept.add(p);
            }
        }
        return kept.size() > 1 ? new Polyline(kept, true) : null;
    }
}
