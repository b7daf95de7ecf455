package org.plotter.train.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.TrainingListener;
import org.plotter.api.model.TrainingProgress;
import org.plotter.api.model.TrainingRequest;
import org.plotter.api.model.TrainingResult;
import org.plotter.sketch.checkpoint.CheckpointManifest;
import org.plotter.sketch.data.SketchDataSet;
import org.plotter.sketch.data.StrokeBatches;

/**
 * One training run, new or resumed: the loop of the paper's training (a batch, the loss, its
 * gradient, Adam), with validation every {@code eval_every} steps and an atomic checkpoint every
 * {@code save_every} steps and at the end, so an interrupted run loses at most {@code save_every} steps.
 * Every batch, dropout mask and latent draw is a function of (seed, step), and the checkpoint keeps the
 * optimiser's moments, so a resumed run takes the steps an uninterrupted one would.
 */
final class TrainingRun {
    /** Validation batches are larger than training ones: no gradients are kept. */
    static final int EVAL_BATCH = 200;

    private final TrainingRequest request;
    private final TrainingListener listener;
    private final TrainingHyperParameters hp;
    private final List<String> classesInOrder;
    private final List<String> dataFiles;
    private final StrokeBatches train;
    private final StrokeBatches valid;
    private final SketchRnnNetwork net;
    private final AdamOptimiser optimiser;
    private long step;
    private double secondsBefore;
    private Map<String, Double> heldOut = Map.of();
    private final TrainingCurves curves;

    TrainingRun(TrainingRequest request, TrainingListener listener) throws IOException {
        this.request = request;
        this.listener = listener;
        CheckpointManifest previous = request.resume() ? RnnCheckpoint.manifest(request.out()) : null;
        if (previous != null) {
            if (!request.hyperParameters().isEmpty()) {
                throw new InvalidInputException("--hparams cannot change a resumed run; it keeps " + request.out() + "'s");
            }
            hp = TrainingHyperParameters.DEFAULTS.with(previous.hyperParameters());
            dataFiles = request.data().isEmpty() ? previous.training().data() : request.data().stream().map(Path::toString).toList();
            step = previous.training().steps();
            secondsBefore = previous.training().seconds();
        } else {
            hp = TrainingHyperParameters.DEFAULTS.with(request.hyperParameters());
            dataFiles = request.data().stream().map(Path::toString).toList();
        }
        List<SketchDataSet> sets = TrainingData.read(dataFiles.stream().map(Path::of).toList(), previous != null ? previous.classes() : request.classes());
        double scale = previous != null ? previous.scaleFactor() : StrokeBatches.scaleFactor(sets, hp.maxSeqLen());
        this.train = new StrokeBatches(sets, SketchDataSet.Split.TRAIN, scale, hp.maxSeqLen());
        this.valid = new StrokeBatches(sets, SketchDataSet.Split.VALID, scale, hp.maxSeqLen());
        for (int c = 0; c < sets.size(); c++) {
            if (train.sketches(c).isEmpty()) {
                throw new InvalidInputException("class '" + sets.get(c).sketchClass() + "' has no training sketch of at most max_seq_len="
                        + hp.maxSeqLen() + " points");
            }
        }
        this.net = new SketchRnnNetwork(hp, sets.size(), DataType.FLOAT);
        this.optimiser = new AdamOptimiser(hp, net.parameters);
        if (previous != null) {
            RnnCheckpoint.load(request.out(), previous, net, optimiser);
            heldOut = previous.training().heldOutNll();
            curves = TrainingCurves.read(request.out());
        } else {
            net.initialise(hp.seed());
            curves = new TrainingCurves();
        }
        this.classesInOrder = sets.stream().map(SketchDataSet::sketchClass).toList();
    }

    TrainingResult run() throws IOException {
        listener.started(String.format("sketch-rnn: %s, %d classes (%s), %,d training sketches, scale %.3f, %,d parameters",
                hp.variational() ? "VAE z=" + hp.zSize() : "decoder only", classesInOrder.size(), abbreviated(classesInOrder),
                train.size(), train.scaleFactor(), net.parameters.length()), step);
        long started = System.nanoTime();
        long firstStep = step;
        long sketches = 0;
        boolean stopped = false;
        while (!request.spent(step, elapsed(started))) {
            if (request.stop().getAsBoolean()) {
                stopped = true;
                break;
            }
            StrokeBatches.Batch batch = train.trainingBatch(hp.seed(), step, hp.batchSize(), hp.randomScaleFactor(), hp.augmentStrokeProb());
            SketchRnnNetwork.Losses losses;
            try (var scope = StepMemory.open()) {
                losses = net.train(batch, hp.klWeightAt(step), noiseSeed(step));
                optimiser.step(net.parameters, step);
            }
            curves.trained(losses.total());
            step++;
            sketches += batch.size();
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            listener.stepped(new TrainingProgress(step, request.steps(), parts(losses), (step - firstStep) / seconds, sketches / seconds));
            if (step % hp.evalEvery() == 0) {
                validate();
            }
            if (step % hp.saveEvery() == 0) {
                save(started);
            }
        }
        if (step % hp.evalEvery() != 0 || heldOut.isEmpty()) {
            validate();
        }
        if (step % hp.saveEvery() != 0 || step == firstStep) {
            save(started);
        }
        return new TrainingResult(request.out(), step, stopped, heldOut);
    }

    private Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private long noiseSeed(long s) {
        return hp.seed() * 1_000_003L + s;
    }

    static Map<String, Double> parts(SketchRnnNetwork.Losses l) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("L_s", l.offset());
        m.put("L_p", l.pen());
        m.put("L_KL", l.kl());
        m.put("total", l.total());
        return m;
    }

    /** Validation: L_s + L_p (the reconstruction NLL, as magenta reports it) per class and over all. */
    private void validate() {
        Map<String, Double> loss = new LinkedHashMap<>();
        double sum = 0;
        int n = 0;
        for (int c = 0; c < classesInOrder.size(); c++) {
            double[] classLoss = Evaluator.classLoss(net, valid, c, noiseSeed(-1));
            if (classLoss[1] > 0) {
                loss.put(classesInOrder.get(c), classLoss[0] / classLoss[1]);
                sum += classLoss[0];
                n += (int) classLoss[1];
            }
        }
        if (n > 0) {
            loss.put("all", sum / n);
        }
        heldOut = loss;
        curves.validated(step, loss.getOrDefault("all", Double.NaN));
        listener.validated(step, loss);
    }

    private void save(long started) throws IOException {
        double seconds = secondsBefore + elapsed(started).toNanos() / 1e9;
        CheckpointManifest manifest = new CheckpointManifest(RnnCheckpoint.ENGINE, CheckpointManifest.FORMAT_VERSION,
                request.out().getFileName().toString(), classesInOrder, train.scaleFactor(), hp.maxSeqLen(), hp.asMap(),
                new CheckpointManifest.Training(dataFiles, step, seconds, heldOut,
                        "plotter train (ND4J " + org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName() + ", "
                                + Runtime.getRuntime().availableProcessors() + " cores)"),
                RnnCheckpoint.tensors(net));
        RnnCheckpoint.write(request.out(), manifest, net, optimiser, tracedSketch(), 0, curves);
        listener.checkpointed(request.out(), step);
    }

    /** A held-out sketch of the first class (a training one when it has none) for the checkpoint's trace. */
    private org.plotter.api.sketch.Sketch tracedSketch() {
        return (valid.sketches(0).isEmpty() ? train.sketches(0) : valid.sketches(0)).get(0);
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + ", …";
    }

    SketchRnnNetwork network() {
        return net;
    }
}
