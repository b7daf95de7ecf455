package org.plotter.sketch.data;

import java.util.List;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.geometry.Strokes;

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
        return Strokes.toSketch(strokes);
    }
}
