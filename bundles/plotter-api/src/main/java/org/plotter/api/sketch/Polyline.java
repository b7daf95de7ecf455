package org.plotter.api.sketch;

import java.util.List;

/** Connected points travelled with the pen down (a stroke) or up (a travel move). */
public record Polyline(List<Point> points, boolean penDown) {
    public Polyline {
        points = List.copyOf(points);
    }

    public double length() {
        double length = 0;
        for (int i = 1; i < points.size(); i++) {
            length += points.get(i - 1).distanceTo(points.get(i));
        }
        return length;
    }
}
