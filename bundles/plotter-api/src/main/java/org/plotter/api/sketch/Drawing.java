package org.plotter.api.sketch;

import java.util.List;

/**
 * Absolute polylines on a sheet of {@code width × height}: what gets rendered to SVG or PNG, whether it
 * came from a sketch or from what a machine actually did. Units are the producer's (millimetres once planned).
 */
public record Drawing(double width, double height, List<Polyline> paths) {
    public Drawing {
        paths = List.copyOf(paths);
    }

    /** Total length of pen-down paths. */
    public double drawLength() {
        return paths.stream().filter(Polyline::penDown).mapToDouble(Polyline::length).sum();
    }

    /** Total length of pen-up paths. */
    public double travelLength() {
        return paths.stream().filter(p -> !p.penDown()).mapToDouble(Polyline::length).sum();
    }
}
