package org.plotter.sketch.data;

import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

/**
 * One Quick, Draw! drawing: its class ({@code word}), its {@code key_id}, whether the game recognised
 * it, and its strokes as absolute pen-down polylines (simplified data: 0–255 pixels, y down).
 */
public record QuickDrawing(String word, String keyId, boolean recognized, List<Polyline> strokes) {
    public QuickDrawing {
        strokes = List.copyOf(strokes);
    }

    /**
     * As stroke-3 offsets from (0, 0): the first point of each stroke is reached with the pen up,
     * the last point of each stroke lifts it (the sketch-rnn data sets' convention).
     */
    public Sketch toSketch() {
        List<float[]> rows = new ArrayList<>();
        double x = 0, y = 0;
        for (Polyline stroke : strokes) {
            List<Point> points = stroke.points();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                rows.add(new float[] {(float) (p.x() - x), (float) (p.y() - y), i == points.size() - 1 ? 1f : 0f});
                x = p.x();
                y = p.y();
            }
        }
        return Sketch.fromStroke3(rows.toArray(new float[0][]));
    }
}
