package org.plotter.sketch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Raw drawings simplified here against the published simplified drawings with the same key_id. */
class QuickDrawSimplificationTest {
    static final Path SHARED = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "data");
    /** Measured 0.233 px (worst drawing 1.025 px, points within 0.4 %). Mean distance of every point of one drawing from the other's strokes, both ways, in 0–255 pixels. */
    static final double MEAN_DISTANCE_BOUND = 0.4;
    /** The worst single drawing. */
    static final double WORST_DRAWING_BOUND = 1.5;

    @Test
    void rawDrawingsSimplifyToThePublishedOnes() throws IOException {
        Path rawDir = SHARED.resolve("quickdraw-raw-sample");
        NpzSketchFileTest.assumeShared(rawDir);
        double sum = 0, worst = 0;
        int drawings = 0, sameStrokes = 0, ourPoints = 0, theirPoints = 0;
        try (Stream<Path> files = Files.list(rawDir)) {
            for (Path raw : files.sorted().toList()) {
                Map<String, QuickDrawing> published = QuickDrawFile.readSimplified(SHARED.resolve("quickdraw-sample/data").resolve(raw.getFileName()))
                        .stream().collect(Collectors.toMap(QuickDrawing::keyId, Function.identity()));
                for (QuickDrawing ours : QuickDrawFile.readSimplifyingRaw(raw)) {
                    QuickDrawing theirs = published.get(ours.keyId());
                    if (theirs == null) {
                        continue; // the raw sample holds a few drawings the simplified sample does not
                    }
                    double d = (meanDistance(ours.strokes(), theirs.strokes()) + meanDistance(theirs.strokes(), ours.strokes())) / 2;
                    sum += d;
                    worst = Math.max(worst, d);
                    drawings++;
                    sameStrokes += ours.strokes().size() == theirs.strokes().size() ? 1 : 0;
                    ourPoints += ours.strokes().stream().mapToInt(s -> s.points().size()).sum();
                    theirPoints += theirs.strokes().stream().mapToInt(s -> s.points().size()).sum();
                }
            }
        }
        System.out.printf("simplification: %d drawings, mean distance %.3f px, worst %.3f px, same stroke count %d, points %d vs published %d%n",
                drawings, sum / drawings, worst, sameStrokes, ourPoints, theirPoints);
        assertEquals(218, drawings); // the key_ids both samples hold
        assertEquals(drawings, sameStrokes);
        assertTrue(sum / drawings < MEAN_DISTANCE_BOUND, "mean distance " + sum / drawings);
        assertTrue(worst < WORST_DRAWING_BOUND, "worst drawing " + worst);
        assertTrue(Math.abs(ourPoints - theirPoints) < 0.02 * theirPoints, ourPoints + " points vs " + theirPoints);
    }

    /** Mean over the points of {@code a} of the distance to the nearest segment of {@code b}. */
    static double meanDistance(List<Polyline> a, List<Polyline> b) {
        double sum = 0;
        int n = 0;
        for (Polyline stroke : a) {
            for (Point p : stroke.points()) {
                double nearest = Double.POSITIVE_INFINITY;
                for (Polyline other : b) {
                    List<Point> q = other.points();
                    for (int i = 0; i < q.size(); i++) {
                        Point s0 = q.get(i), s1 = q.get(Math.min(i + 1, q.size() - 1));
                        nearest = Math.min(nearest, org.plotter.sketch.geometry.Simplification.distanceToSegment(p, s0, s1));
                    }
                }
                sum += nearest;
                n++;
            }
        }
        return sum / n;
    }
}
