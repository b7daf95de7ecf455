package org.plotter.launcher;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.plotter.api.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point: exit code 0 on success, 1 on failure, 2 on bad usage or input; errors are one line. */
public final class PlotterMain {
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;

    private PlotterMain() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        // slf4j-simple reads its level once, when the first logger is made
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("java.awt.headless", "true");
        Logger log = LoggerFactory.getLogger(PlotterMain.class);

        PlotterCommand root = new PlotterCommand();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("plotter: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("plotter: " + describe(ex));
            if (verbose) {
                log.error("details", ex);
            }
            return isBadInput(ex) ? BAD_INPUT : FAILURE;
        });
        try {
            return cli.execute(args);
        } finally {
            root.closeSession();
        }
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof UserInputException || e instanceof IllegalArgumentException
                || e instanceof ModelLoadException || e instanceof NoSuchFileException;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
