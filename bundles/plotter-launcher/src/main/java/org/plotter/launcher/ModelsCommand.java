package org.plotter.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.plotter.api.model.ModelEntry;
import org.plotter.api.model.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** What can be drawn: engines, and the checkpoints on the model path. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Model engines and checkpoints.",
        subcommands = ModelsCommand.ListCommand.class)
final class ModelsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    PlotterCommand root;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every installed engine and every checkpoint on the model path (models.path in config/plotter.properties).")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Override
        public Integer call() throws Exception {
            ModelRegistry registry = models.root.session().models();
            PrintWriter out = models.spec.commandLine().getOut();
            out.println("engines: " + (registry.engines().isEmpty() ? "none" : String.join(", ", registry.engines())));
            out.println("checkpoints (model path " + registry.modelPath() + "):");
            var entries = registry.catalog();
            if (entries.isEmpty()) {
                out.println("  none");
            }
            for (ModelEntry e : entries) {
                if (e.info().isPresent()) {
                    var info = e.info().get();
                    out.printf("  %-16s %-11s classes %-20s max %3d steps  %s%n", info.name(), info.engine(),
                            String.join(",", info.classes()), info.maxSteps(), e.file());
                } else {
                    out.printf("  %-16s %-11s unusable: %s  %s%n", e.file().getFileName(), e.engine(), e.problem().orElse(""), e.file());
                }
            }
            return 0;
        }
    }
}
