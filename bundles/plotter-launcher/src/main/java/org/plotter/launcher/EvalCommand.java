package org.plotter.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plotter.api.model.SketchTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plotter eval}: a checkpoint's loss on the test split of data files. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores a trained checkpoint on the test split of data files: L_s (offsets), L_p (pen), L_KL, and",
                "L_R = L_s + L_p, the reconstruction NLL per point as the Sketch-RNN paper reports it, over all and per class."})
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A checkpoint directory written by 'plotter train'.")
    Path model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "Data files holding the checkpoint's classes.")
    List<Path> data;

    @Override
    public Integer call() throws Exception {
        // the engine that recognises the checkpoint names the trainer that scores it
        String engine = root.session().models().load(model).info().engine();
        SketchTrainer trainer = root.session().trainer(engine);
        SketchTrainer.Evaluation result = trainer.evaluate(model, data);
        PrintWriter out = root.spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s on %d test sketches: %s%n", model, result.sketches(), Summaries.losses(result.parts()));
        result.perClass().forEach((c, loss) -> out.printf(Locale.ROOT, "  %-20s L_R %.4f%n", c, loss));
        return 0;
    }
}
