package org.plotter.launcher;

import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.PlanOptions;
import picocli.CommandLine.Option;

/** Which machine and how to plan for it: shared by draw, plot and gcode. */
final class PlotOptions {
    @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "grbl-servo",
            description = "Firmware profile from firmware-profiles/ (grbl-servo, grbl-z, fluidnc, ...; see 'plotter profiles list') or a .properties file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--pen-change-every", paramLabel = "MM", description = {"Pause for a refill (pen up, parked as the profile says) before a stroke",
            "that would take the pen past MM drawn since the last change; 0: never (default: the profile's pen.change.every.mm)."})
    Double penChangeEvery;

    @Option(names = "--order", paramLabel = "HOW", converter = OrderConverter.class, description = {"Stroke order: as-drawn, greedy (nearest neighbour)",
            "or improved (nearest neighbour, then 2-opt and Or-opt) (default: the profile's plan.order, improved)."})
    PlanOptions.Order order;

    @Option(names = "--merge", paramLabel = "MM", description = "Join strokes whose ends meet within MM; 0: never (default: the profile's plan.merge.mm, 0.05).")
    Double merge;

    @Option(names = "--simplify", paramLabel = "MM", description = "Drop detail below MM on the page; 0: keep every point (default: the profile's plan.simplify.mm, 0.02).")
    Double simplify;

    @Option(names = "--min-step", paramLabel = "MM", description = {"Drop points closer than MM to the previous one; a stroke that shrinks",
            "to a point is not drawn (default: the profile's plan.min.step.mm, 0.01)."})
    Double minStep;

    @Option(names = "--preview", description = {"Also write NAME.preview.png: the planned path on the machine's bed (work area, page,",
            "origin and axes, strokes numbered in drawing order, pen-up travel)."})
    boolean preview;

    /** The profile, with what the command line overrides: refill distance and planning. */
    FirmwareProfile profile(Session session) throws InterruptedException {
        FirmwareProfile resolved = session.profiles().profile(profile);
        if (penChangeEvery != null) {
            resolved = resolved.withPenChange(resolved.penChange().every(millimetres("--pen-change-every", penChangeEvery)));
        }
        PlanOptions planning = resolved.planning();
        if (order != null) {
            planning = planning.withOrder(order);
        }
        if (merge != null) {
            planning = planning.withMerge(millimetres("--merge", merge));
        }
        if (simplify != null) {
            planning = planning.withSimplify(millimetres("--simplify", simplify));
        }
        if (minStep != null) {
            planning = planning.withMinimumStep(millimetres("--min-step", minStep));
        }
        return resolved.withPlanning(planning);
    }

    private static double millimetres(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidInputException(option + " takes a distance in mm, 0 or more, got " + value);
        }
        return value;
    }

    /** as-drawn | greedy | improved, in any case. */
    static final class OrderConverter implements picocli.CommandLine.ITypeConverter<PlanOptions.Order> {
        @Override
        public PlanOptions.Order convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "as-drawn", "none" -> PlanOptions.Order.AS_DRAWN;
                case "greedy" -> PlanOptions.Order.GREEDY;
                case "improved" -> PlanOptions.Order.IMPROVED;
                default -> throw new picocli.CommandLine.TypeConversionException("expected as-drawn, greedy or improved, got '" + value + "'");
            };
        }
    }
}
