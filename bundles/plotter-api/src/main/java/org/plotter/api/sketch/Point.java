package org.plotter.api.sketch;

/** A position in millimetres (or sketch units before planning); y grows downwards, as on the page. */
public record Point(double x, double y) {
    public double distanceTo(Point other) {
        return Math.hypot(other.x - x, other.y - y);
    }
}
