package org.plotter.train.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.model.SketchModelFactory;
import org.plotter.api.model.SketchTrainer;
import org.plotter.api.model.TrainingListener;
import org.plotter.api.model.TrainingRequest;
import org.plotter.api.model.TrainingResult;
import org.plotter.sketch.checkpoint.CheckpointManifest;
import org.plotter.sketch.data.SketchDataSet;
import org.plotter.sketch.data.StrokeBatches;

/** Registers Sketch-RNN training and evaluation on ND4J for checkpoints of the {@code sketch-rnn} engine. */
@Component(service = SketchTrainer.class, property = SketchModelFactory.ENGINE + "=" + RnnCheckpoint.ENGINE)
public class SketchRnnTrainer implements SketchTrainer {
    /** The evaluation's latent draws are fixed, so one checkpoint always scores the same. */
    static final long EVALUATION_SEED = 20_170_413L;

    @Override
    public String engine() {
        return RnnCheckpoint.ENGINE;
    }

    @Override
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws IOException {
        return new TrainingRun(request, listener).run();
    }

    @Override
    public Evaluation evaluate(Path checkpoint, List<Path> data) throws IOException {
        CheckpointManifest manifest = RnnCheckpoint.manifest(checkpoint);
        TrainingHyperParameters hp = TrainingHyperParameters.DEFAULTS.with(manifest.hyperParameters());
        SketchRnnNetwork net = new SketchRnnNetwork(hp, manifest.classes().size(), DataType.FLOAT);
        RnnCheckpoint.load(checkpoint, manifest, net, null);
        List<SketchDataSet> all = TrainingData.read(data, List.of());
        List<SketchDataSet> known = all.stream().filter(s -> manifest.classes().contains(s.sketchClass())).toList();
        if (known.isEmpty()) {
            throw new org.plotter.api.InvalidInputException("the data holds none of the checkpoint's classes " + manifest.classes());
        }
        // one set per checkpoint class, empty where the data has none, so class indices match the embedding
        List<SketchDataSet> byIndex = manifest.classes().stream().map(c -> known.stream().filter(s -> s.sketchClass().equals(c)).findFirst()
                .orElse(new SketchDataSet(c, "", List.of(), List.of(), List.of()))).toList();
        StrokeBatches test = new StrokeBatches(byIndex, SketchDataSet.Split.TEST, manifest.scaleFactor(), manifest.maxSeqLen());
        double[] sums = new double[5];
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int c = 0; c < byIndex.size(); c++) {
            double[] parts = Evaluator.classParts(net, test, c, EVALUATION_SEED);
            if (parts[4] > 0) {
                perClass.put(manifest.classes().get(c), (parts[0] + parts[1]) / parts[4]);
                for (int k = 0; k < sums.length; k++) {
                    sums[k] += parts[k];
                }
            }
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("L_s", sums[0] / sums[4]);
        parts.put("L_p", sums[1] / sums[4]);
        parts.put("L_KL", sums[2] / sums[4]);
        parts.put("L_R", (sums[0] + sums[1]) / sums[4]);
        parts.put("total", sums[3] / sums[4]);
        return new Evaluation(parts, perClass, (int) sums[4]);
    }
}
