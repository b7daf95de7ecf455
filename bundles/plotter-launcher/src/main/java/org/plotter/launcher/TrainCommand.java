package org.plotter.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.SketchTrainer;
import org.plotter.api.model.TrainingRequest;
import org.plotter.api.model.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plotter train}: trains a checkpoint with the engine's trainer, in budgets that can be resumed. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a sketch model on data files and writes a checkpoint directory (manifest.json, weights).",
                "Validation loss every eval_every steps, a checkpoint every save_every steps and at the end (written whole, then renamed:",
                "an interrupted run loses at most save_every steps). Ctrl-C writes a last checkpoint and exits 130.",
                "--resume continues the checkpoint in --out exactly: same data order, same optimiser state."},
        footer = {"", "Examples:",
                "  plotter train --data ../shared/data/sketch-rnn/aaron_sheep.npz --hparams z_size=0,dec_rnn_size=256 --minutes 30 --out models/sheep",
                "  plotter train --resume --out models/sheep --minutes 30"})
final class TrainCommand implements Callable<Integer> {
    /** How long a signal waits for the last checkpoint before the JVM goes anyway. */
    static final Duration SIGNAL_GRACE = Duration.ofMinutes(2);

    @ParentCommand
    PlotterCommand root;

    @Option(names = "--data", arity = "1..*", paramLabel = "FILE",
            description = "Data files: sketch-rnn .npz, Quick, Draw! .ndjson (simplified or raw) or .bin; files of one class are joined. With --resume: the checkpoint's files.")
    List<Path> data = List.of();

    @Option(names = "--classes", split = ",", paramLabel = "NAME", description = "Classes to train, in this order (default: every class in the data, by name).")
    List<String> classes = List.of();

    @Option(names = "--hparams", split = ",", paramLabel = "KEY=VALUE",
            description = {"Hyper-parameters by magenta's names (dec_model=lstm|layer_norm|hyper, dec_rnn_size, z_size, num_mixture, batch_size,",
                    "learning_rate, ...); the rest keep magenta's defaults. An unknown name lists the known ones."})
    Map<String, String> hyperParameters = new LinkedHashMap<>();

    @Option(names = "--minutes", paramLabel = "N", description = "Wall-time budget of this run, in minutes.")
    double minutes;

    @Option(names = "--steps", paramLabel = "N", description = "Train until the checkpoint has N steps in all.")
    long steps;

    @Option(names = "--out", paramLabel = "DIR", description = "Checkpoint directory (default: models/NAME, NAME from the classes).")
    Path out;

    @Option(names = "--resume", description = "Continue the checkpoint in --out.")
    boolean resume;

    @Option(names = "--engine", defaultValue = "sketch-rnn", description = "The engine to train (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, or gpu (needs the distribution built with -Pcuda and a CUDA device).")
    String device;

    @Override
    public Integer call() throws Exception {
        DeviceCheck.require(device);
        if (minutes < 0 || steps < 0) {
            throw new InvalidInputException("--minutes and --steps must not be negative");
        }
        if (minutes == 0 && steps == 0) {
            throw new InvalidInputException("give a budget: --minutes N and/or --steps N");
        }
        Path dir = out != null ? out : Path.of("models", defaultName());
        if (resume && !Files.isDirectory(dir)) {
            throw new InvalidInputException("nothing to resume: " + dir + " is not a checkpoint directory");
        }
        if (!resume && Files.exists(dir)) {
            throw new InvalidInputException(dir + " exists: --resume continues it, or choose another --out");
        }
        SketchTrainer trainer = root.session().trainer(engine);
        PrintWriter out = root.spec.commandLine().getOut();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(SIGNAL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plotter-train-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        TrainingRequest request = new TrainingRequest(data, classes, hyperParameters, steps,
                Duration.ofMillis(Math.round(minutes * 60_000)), dir, resume, stop::get);
        try (TrainingProgressBar progress = new TrainingProgressBar(out, request)) {
            TrainingResult result = trainer.train(request, progress);
            progress.close();
            out.printf(Locale.ROOT, "%s: %d steps; held-out loss %s%n", result.checkpoint(), result.steps(), Summaries.losses(result.heldOutLoss()));
            out.flush();
            if (result.stopped()) {
                out.println("interrupted: the checkpoint above holds every step taken; continue with --resume --out " + dir);
                out.flush();
                return Plotting.INTERRUPTED;
            }
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // shutting down: the hook is already running
            }
        }
    }

    private String defaultName() {
        return classes.size() == 1 ? classes.get(0).replace(' ', '_') : engine;
    }
}
