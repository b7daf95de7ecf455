package org.plotter.train.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelInfo;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.data.SketchDataFiles;
import org.plotter.sketch.data.SketchDataSet;

/**
 * The data files of a run, read and grouped by class: files of one class (a Quick, Draw! sample and
 * sketches distilled from a teacher, say) are joined. A file that cannot be read, or a class asked
 * for that no file has, refuses the run in one sentence.
 */
final class TrainingData {
    private TrainingData() {}

    /**
     * @param wanted the classes to keep, in the order of the model's class embedding; empty = all, by name
     */
    static List<SketchDataSet> read(List<Path> files, List<String> wanted) {
        if (files.isEmpty()) {
            throw new InvalidInputException("no data files given (--data FILE…)");
        }
        Map<String, List<SketchDataSet>> byClass = new LinkedHashMap<>();
        for (Path file : files) {
            SketchDataSet set;
            try {
                set = SketchDataFiles.read(file);
            } catch (IOException e) {
                throw new InvalidInputException(e.getMessage());
            }
            byClass.computeIfAbsent(ModelInfo.classKey(set.sketchClass()), k -> new ArrayList<>()).add(set);
        }
        List<String> order = wanted.isEmpty() ? byClass.keySet().stream().sorted().toList() : wanted.stream().map(ModelInfo::classKey).toList();
        List<SketchDataSet> sets = new ArrayList<>();
        for (String c : order) {
            List<SketchDataSet> parts = byClass.get(c);
            if (parts == null) {
                throw new InvalidInputException("no data for class '" + c + "'; the data files hold " + String.join(", ", byClass.keySet()));
            }
            sets.add(join(c, parts));
        }
        return sets;
    }

    private static SketchDataSet join(String name, List<SketchDataSet> parts) {
        List<Sketch> train = new ArrayList<>(), valid = new ArrayList<>(), test = new ArrayList<>();
        for (SketchDataSet p : parts) {
            train.addAll(p.train());
            valid.addAll(p.valid());
            test.addAll(p.test());
        }
        return new SketchDataSet(name, String.join(", ", parts.stream().map(SketchDataSet::source).toList()), train, valid, test);
    }
}
