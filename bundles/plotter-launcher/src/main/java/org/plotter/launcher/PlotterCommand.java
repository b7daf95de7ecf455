package org.plotter.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import org.osgi.framework.BundleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code plotter} command: holds the global options and the lazily started runtime. */
@Command(name = "plotter",
        mixinStandardHelpOptions = true,
        versionProvider = PlotterCommand.Version.class,
        description = "Draws what a neural network sketches, on a pen plotter or the built-in simulator.",
        subcommands = {DrawCommand.class, PlotCommand.class, StreamCommand.class, ResumeCommand.class, SampleCommand.class, GcodeCommand.class, ModelsCommand.class, TrainCommand.class, EvalCommand.class, DistillCommand.class, InterpolateCommand.class, ReconstructCommand.class, CompleteCommand.class, ProfilesCommand.class, PortsCommand.class,
                MachineCommands.Status.class, MachineCommands.Unlock.class, MachineCommands.Home.class, MachineCommands.Pen.class,
                MachineCommands.Move.class, MachineCommands.Settings.class,
                BundlesCommand.class, ShellCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (a plot that failed, a machine or I/O error)",
                "2:bad usage or input (unknown option, missing or corrupt file, invalid value)",
                "130/143:interrupted by Ctrl-C / SIGTERM (the plot is cancelled, the pen lifted, a record kept)"},
        footer = {"", "Example: plotter draw --class dog --model ../shared/models/magenta/dog.gen.json"})
final class PlotterCommand implements Runnable {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log details, and stack traces of errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final BufferedReader in;
    private boolean longLived;
    private Session session;

    PlotterCommand(BufferedReader in) {
        this.in = in;
    }

    BufferedReader in() {
        return in;
    }

    /** A shell or kiosk: the runtime lives on and samples many sketches (the engines pick their kernels by it). */
    void longLived() {
        longLived = true;
    }

    /** The framework starts on first use, so --help and --version stay instant. */
    Session session() throws IOException, BundleException {
        if (session == null) {
            session = Session.open(PlotterHome.locate(), longLived);
        }
        return session;
    }

    void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PlotterCommand.class.getPackage().getImplementationVersion();
            return new String[] {"plotter " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
