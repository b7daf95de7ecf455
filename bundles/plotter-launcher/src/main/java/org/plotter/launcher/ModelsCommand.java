package org.plotter.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.plotter.api.model.ModelEntry;
import org.plotter.api.model.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** What can be drawn: engines, and the checkpoints on the model path. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Model engines and checkpoints.",
        subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.ShowCommand.class})
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
                            classes(info.classes()), info.maxSteps(), e.file());
                } else {
                    out.printf("  %-16s %-11s unusable: %s  %s%n", e.file().getFileName(), e.engine(), e.problem().orElse(""), e.file());
                }
            }
            return 0;
        }

        /** A few class names as they are; many as their count and the first of them ('plotter models show' lists all). */
        static String classes(java.util.List<String> classes) {
            return classes.size() <= 4 ? String.join(",", classes)
                    : classes.size() + " (" + String.join(",", classes.subList(0, 3)) + ",…)";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One checkpoint, by its name on the model path or its path: engine, every class it draws, its longest sketch.")
    static final class ShowCommand implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @picocli.CommandLine.Parameters(paramLabel = "NAME|PATH")
        String model;

        @Override
        public Integer call() throws Exception {
            ModelRegistry registry = models.root.session().models();
            java.nio.file.Path path = registry.catalog().stream().filter(e -> e.info().map(i -> i.name().equals(model)).orElse(false))
                    .map(ModelEntry::file).findFirst().orElse(java.nio.file.Path.of(model));
            var info = registry.load(path).info();
            PrintWriter out = models.spec.commandLine().getOut();
            out.printf("%s (%s engine) at %s%nmax %d points per sketch%n%d classes: %s%n", info.name(), info.engine(), info.source(),
                    info.maxSteps(), info.classes().size(), String.join(", ", info.classes()));
            return 0;
        }
    }
}
