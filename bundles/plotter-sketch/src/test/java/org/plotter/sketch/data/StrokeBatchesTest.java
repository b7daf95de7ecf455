package org.plotter.sketch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.geometry.Normalisation;
import org.plotter.sketch.geometry.Strokes;

class StrokeBatchesTest {
    static Sketch sketch(int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[points][];
        for (int i = 0; i < points; i++) {
            rows[i] = new float[] {random.nextInt(-20, 21), random.nextInt(-20, 21), i == points - 1 || random.nextInt(6) == 0 ? 1 : 0};
        }
        return Sketch.fromStroke3(rows);
    }

    static SketchDataSet set(String name, int count, int points) {
        List<Sketch> sketches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sketches.add(sketch(points + i % 5, name.hashCode() + i));
        }
        return new SketchDataSet(name, name, sketches, sketches.subList(0, 2), sketches.subList(0, 2));
    }

    @Test
    void aBatchIsTheStartTokenThenTheSketchThenEndRows() {
        Sketch a = sketch(3, 1), b = sketch(5, 2);
        StrokeBatches.Batch batch = StrokeBatches.batch(List.of(a, b), new int[] {0, 1});
        assertEquals(6, batch.steps()); // the longest sketch plus its end row
        assertArrayEquals(new int[] {3, 5}, batch.lengths());
        float[] start = java.util.Arrays.copyOfRange(batch.inputs(), 0, 5);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0}, start);
        float[][] aRows = a.toStroke5();
        for (int t = 0; t < batch.steps(); t++) {
            float[] target = java.util.Arrays.copyOfRange(batch.targets(), t * 2 * 5, t * 2 * 5 + 5);
            assertArrayEquals(t < 3 ? aRows[t] : new float[] {0, 0, 0, 0, 1}, target, "target " + t);
            if (t > 0) {
                float[] input = java.util.Arrays.copyOfRange(batch.inputs(), t * 2 * 5, t * 2 * 5 + 5);
                assertArrayEquals(java.util.Arrays.copyOfRange(batch.targets(), (t - 1) * 2 * 5, (t - 1) * 2 * 5 + 5), input, "input " + t);
            }
        }
    }

    @Test
    void trainingBatchesDependOnSeedAndStepOnlyAndVisitEveryClass() {
        List<SketchDataSet> sets = List.of(set("many", 200, 10), set("few", 3, 12));
        double scale = StrokeBatches.scaleFactor(sets, 100);
        StrokeBatches a = new StrokeBatches(sets, SketchDataSet.Split.TRAIN, scale, 100);
        StrokeBatches b = new StrokeBatches(sets, SketchDataSet.Split.TRAIN, scale, 100);
        StrokeBatches.Batch first = a.trainingBatch(7, 3, 40, 0.15, 0.1);
        assertArrayEquals(first.inputs(), b.trainingBatch(7, 3, 40, 0.15, 0.1).inputs());
        assertFalse(java.util.Arrays.equals(first.inputs(), a.trainingBatch(7, 4, 40, 0.15, 0.1).inputs()));
        long few = java.util.Arrays.stream(first.classes()).filter(c -> c == 1).count();
        assertTrue(few >= 10 && few <= 30, "classes are drawn uniformly, however few sketches one has: " + few + " of 40");
    }

    @Test
    void longSketchesAreDroppedAndOffsetsHaveUnitDeviation() {
        SketchDataSet data = new SketchDataSet("x", "x", List.of(sketch(10, 1), sketch(10, 2), sketch(500, 3)), List.of(sketch(4, 4)), List.of(sketch(4, 5)));
        double scale = StrokeBatches.scaleFactor(List.of(data), 250);
        assertEquals(Normalisation.scaleFactor(List.of(sketch(10, 1), sketch(10, 2))), scale, 1e-9);
        StrokeBatches batches = new StrokeBatches(List.of(data), SketchDataSet.Split.TRAIN, scale, 250);
        assertEquals(2, batches.size());
        assertEquals(1.0, Normalisation.scaleFactor(batches.sketches(0)), 1e-5);
    }

    @Test
    void strokeAugmentationMergesPointsWithinStrokesAndKeepsTheirEnds() {
        Sketch s = sketch(200, 9);
        Sketch augmented = StrokeBatches.augmentStrokes(s, 0.5, new SplittableRandom(1));
        assertTrue(augmented.size() < s.size(), "points were merged");
        assertEquals(s.strokeCount(), augmented.strokeCount());
        List<Polyline> before = Strokes.of(s), after = Strokes.of(augmented);
        assertEquals(before.size(), after.size());
        for (int k = 0; k < before.size(); k++) {
            var b = before.get(k).points();
            var a = after.get(k).points();
            assertEquals(b.get(0).x(), a.get(0).x(), 1e-3);
            assertEquals(b.get(b.size() - 1).x(), a.get(a.size() - 1).x(), 1e-3);
            assertEquals(b.get(b.size() - 1).y(), a.get(a.size() - 1).y(), 1e-3);
            assertTrue(a.size() >= Math.min(b.size(), 4), "the first three pen-down points of a stroke stay");
        }
        assertEquals(s, StrokeBatches.augmentStrokes(s, 0, new SplittableRandom(1)));
    }
}
