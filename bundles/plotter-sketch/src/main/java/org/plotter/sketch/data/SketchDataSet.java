package org.plotter.sketch.data;

import java.util.List;
import org.plotter.api.sketch.Sketch;

/**
 * The sketches of one class (or one data set), in stroke-3 as the file holds them, split for
 * training, validation and test.
 *
 * @param sketchClass what the sketches show: a Quick, Draw! word or the data file's name
 * @param source the file they came from, for messages and checkpoint manifests
 */
public record SketchDataSet(String sketchClass, String source, List<Sketch> train, List<Sketch> valid, List<Sketch> test) {
    /** The three parts of a data set. */
    public enum Split {
        TRAIN, VALID, TEST;

        /** The name the sketch-rnn {@code .npz} files use. */
        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SketchDataSet {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    public List<Sketch> split(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALID -> valid;
            case TEST -> test;
        };
    }

    /**
     * Splits one list deterministically: every {@code period}-th sketch to validation, the one after it
     * to test, the rest to training. Used for files that carry no split (Quick, Draw!).
     */
    public static SketchDataSet splitEvery(String sketchClass, String source, List<Sketch> sketches, int period) {
        List<Sketch> train = new java.util.ArrayList<>(), valid = new java.util.ArrayList<>(), test = new java.util.ArrayList<>();
        for (int i = 0; i < sketches.size(); i++) {
            int phase = i % period;
            (phase == period - 2 ? valid : phase == period - 1 ? test : train).add(sketches.get(i));
        }
        return new SketchDataSet(sketchClass, source, train, valid, test);
    }
}
