package org.plotter.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.plotter.api.SketchModelFactory;
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
            Session session = models.root.session();
            PrintWriter out = models.spec.commandLine().getOut();
            out.println("engines:");
            for (SketchModelFactory engine : session.framework().all(SketchModelFactory.class, Session.SERVICE_TIMEOUT)) {
                out.println("  " + engine.engine());
            }
            out.println("checkpoints (model path " + session.home().modelPath() + "):");
            var entries = session.catalog();
            if (entries.isEmpty()) {
                out.println("  none");
            }
            for (Session.ModelCatalog.Entry e : entries) {
                out.printf("  %-16s %-11s classes %-20s max %3d steps  %s%n", e.info().name(), e.info().engine(),
                        String.join(",", e.info().classes()), e.info().maxSteps(), e.file());
            }
            return 0;
        }
    }
}
