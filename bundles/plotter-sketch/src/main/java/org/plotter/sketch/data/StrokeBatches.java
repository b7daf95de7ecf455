package org.plotter.sketch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.geometry.Normalisation;

/**
 * Training sketches prepared as the Sketch-RNN paper and magenta prepare them, for any engine that
 * reads stroke-5: sketches longer than {@code maxSeqLen} dropped, offsets clamped to ±{@value #CLAMP}
 * and divided by one scale factor, then batches of stroke-5 rows padded with end-of-sketch rows.
 * Training batches are augmented (each axis scaled by a random factor within ±{@code randomScale},
 * and stroke augmentation: a pen-down point following at least three pen-down points of its stroke is
 * merged into the point before it with probability {@code augmentProbability}).
 *
 * <p>Every batch is a function of (seed, step) alone, so a resumed run sees the same batches as an
 * uninterrupted one. Sketches are drawn class by class: a class uniformly, then one of its sketches,
 * so that a class with few sketches is seen as often as one with thousands.
 */
public final class StrokeBatches {
    /** Magenta's limit on any one offset, in data units. */
    public static final float CLAMP = 1000f;
    /** Stroke-5 columns: dx, dy, pen down, pen up, end of sketch. */
    public static final int STROKE5 = 5;
    private static final int STROKES_BEFORE_MERGING = 2;

    private final List<List<Sketch>> byClass; // normalised
    private final double scaleFactor;
    private final int maxSeqLen;

    /**
     * One batch, rows time-major ({@code row = t · size + b}) so a time step is a contiguous block.
     *
     * @param steps decoder steps: the longest sketch plus one (its end-of-sketch row)
     * @param inputs the decoder's inputs {@code [steps · size, 5]}: the start token {@code (0,0,1,0,0)}, then the sketch
     * @param targets what each step should predict {@code [steps · size, 5]}: the sketch, then end-of-sketch rows
     * @param lengths points in each sketch (its target rows before the first end-of-sketch row)
     * @param classes each sketch's class index
     */
    public record Batch(int size, int steps, float[] inputs, float[] targets, int[] lengths, int[] classes) {}

    /**
     * @param sets the classes, in class-index order; each set's training split is used unless {@code split} says otherwise
     * @param scaleFactor the training data's scale factor ({@link #scaleFactor(List, int)}), or the checkpoint's
     */
    public StrokeBatches(List<SketchDataSet> sets, SketchDataSet.Split split, double scaleFactor, int maxSeqLen) {
        this.scaleFactor = scaleFactor;
        this.maxSeqLen = maxSeqLen;
        this.byClass = new ArrayList<>();
        for (SketchDataSet set : sets) {
            List<Sketch> kept = new ArrayList<>();
            for (Sketch s : set.split(split)) {
                if (s.size() <= maxSeqLen && s.size() > 0) {
                    kept.add(Normalisation.normalise(clamped(s), scaleFactor));
                }
            }
            byClass.add(List.copyOf(kept));
        }
    }

    /** The scale factor of the training splits (after dropping long sketches and clamping). */
    public static double scaleFactor(List<SketchDataSet> sets, int maxSeqLen) {
        List<Sketch> all = new ArrayList<>();
        for (SketchDataSet set : sets) {
            set.train().stream().filter(s -> s.size() <= maxSeqLen && s.size() > 0).map(StrokeBatches::clamped).forEach(all::add);
        }
        return Normalisation.scaleFactor(all);
    }

    private static Sketch clamped(Sketch s) {
        float[][] rows = s.toStroke3();
        for (float[] row : rows) {
            row[0] = Math.max(-CLAMP, Math.min(CLAMP, row[0]));
            row[1] = Math.max(-CLAMP, Math.min(CLAMP, row[1]));
        }
        return Sketch.fromStroke3(rows);
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    /** Sketches kept for class {@code c}. */
    public List<Sketch> sketches(int c) {
        return byClass.get(c);
    }

    public int classes() {
        return byClass.size();
    }

    public int size() {
        return byClass.stream().mapToInt(List::size).sum();
    }

    /** The training batch of {@code step}: random sketches, augmented, a function of (seed, step) only. */
    public Batch trainingBatch(long seed, long step, int size, double randomScale, double augmentProbability) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        List<Sketch> chosen = new ArrayList<>(size);
        int[] classes = new int[size];
        List<Integer> nonEmpty = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            if (!byClass.get(c).isEmpty()) {
                nonEmpty.add(c);
            }
        }
        for (int b = 0; b < size; b++) {
            int c = nonEmpty.get(random.nextInt(nonEmpty.size()));
            List<Sketch> pool = byClass.get(c);
            Sketch s = pool.get(random.nextInt(pool.size()));
            s = augmentStrokes(s, augmentProbability, random);
            float sx = (float) (1 + (random.nextDouble() - 0.5) * 2 * randomScale);
            float sy = (float) (1 + (random.nextDouble() - 0.5) * 2 * randomScale);
            chosen.add(scaledAxes(s, sx, sy));
            classes[b] = c;
        }
        return batch(chosen, classes);
    }

    /** The sketches of class {@code c} in order, as batches of at most {@code size} (evaluation: no augmentation). */
    public List<Batch> classBatches(int c, int size) {
        List<Batch> batches = new ArrayList<>();
        List<Sketch> sketches = byClass.get(c);
        for (int from = 0; from < sketches.size(); from += size) {
            List<Sketch> part = sketches.subList(from, Math.min(sketches.size(), from + size));
            int[] classes = new int[part.size()];
            java.util.Arrays.fill(classes, c);
            batches.add(batch(part, classes));
        }
        return batches;
    }

    /** Stroke-5 rows of {@code sketches} (already normalised) as one batch. */
    public static Batch batch(List<Sketch> sketches, int[] classes) {
        int size = sketches.size();
        int longest = sketches.stream().mapToInt(Sketch::size).max().orElse(0);
        int steps = longest + 1;
        float[] inputs = new float[steps * size * STROKE5];
        float[] targets = new float[steps * size * STROKE5];
        int[] lengths = new int[size];
        for (int b = 0; b < size; b++) {
            Sketch s = sketches.get(b);
            lengths[b] = s.size();
            for (int t = 0; t < steps; t++) {
                int row = (t * size + b) * STROKE5;
                writeRow(s, t, targets, row);
                if (t == 0) {
                    inputs[row + 2] = 1f; // start token (0, 0, 1, 0, 0)
                } else {
                    writeRow(s, t - 1, inputs, row);
                }
            }
        }
        return new Batch(size, steps, inputs, targets, lengths, classes);
    }

    private static void writeRow(Sketch s, int point, float[] rows, int at) {
        if (point >= s.size()) {
            rows[at + 4] = 1f;
            return;
        }
        rows[at] = s.dx(point);
        rows[at + 1] = s.dy(point);
        rows[at + (s.liftsAfter(point) ? 3 : 2)] = 1f;
    }

    static Sketch augmentStrokes(Sketch s, double probability, SplittableRandom random) {
        if (probability <= 0) {
            return s;
        }
        List<float[]> kept = new ArrayList<>(s.size());
        float[][] rows = s.toStroke3();
        int downRun = 0;
        boolean previousLifted = true;
        for (float[] row : rows) {
            boolean lifts = row[2] > 0.5f;
            downRun = lifts || previousLifted ? 0 : downRun + 1;
            boolean merge = !lifts && !previousLifted && downRun > STROKES_BEFORE_MERGING && random.nextDouble() < probability;
            if (merge) {
                float[] last = kept.get(kept.size() - 1);
                last[0] += row[0];
                last[1] += row[1];
            } else {
                kept.add(row);
                previousLifted = lifts;
            }
        }
        return Sketch.fromStroke3(kept.toArray(new float[0][]));
    }

    private static Sketch scaledAxes(Sketch s, float sx, float sy) {
        float[][] rows = s.toStroke3();
        for (float[] row : rows) {
            row[0] *= sx;
            row[1] *= sy;
        }
        return Sketch.fromStroke3(rows);
    }

    public int maxSeqLen() {
        return maxSeqLen;
    }
}
