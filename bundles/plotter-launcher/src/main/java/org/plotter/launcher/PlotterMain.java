package org.plotter.launcher;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point: exit code 0 on success, 1 on failure, 2 on bad usage or input; errors are one line.
 * Only input that was validated and refused ({@link InvalidInputException}, an unreadable checkpoint, a
 * missing file) counts as bad input: any other exception is a fault of plotter or the machine, exit 1.
 */
public final class PlotterMain {
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;
    /** A constant, so saying it allocates nothing when there is no memory left. */
    private static final String OUT_OF_MEMORY = "plotter: out of memory: the sketch or model is too large for the Java heap"
            + " (give Java more with PLOTTER_JAVA_OPTS=-Xmx4g)";
    /** Once the heap is gone, every thread may fail: the user hears it once. */
    private static final AtomicBoolean OUT_OF_MEMORY_SAID = new AtomicBoolean();

    private PlotterMain() {}

    public static void main(String[] args) {
        // straight to the file descriptor: a PrintStream would hide a failed write (e.g. > /dev/full)
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, out, err, in));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new BufferedReader(new java.io.StringReader("")));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, BufferedReader in) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        // slf4j-simple reads its level once, when the first logger is made
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("java.awt.headless", "true");
        Logger log = LoggerFactory.getLogger(PlotterMain.class);
        // a failure on a driver or framework thread is one line too, with the stack trace only when asked for
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            try {
                if (e instanceof OutOfMemoryError) {
                    outOfMemory(err);
                    return;
                }
                err.println("plotter: internal error in " + thread.getName() + ": " + describe(e));
                if (verbose) {
                    log.error("details", e);
                }
            } catch (Throwable ignored) {
                // nothing more can be said: the JVM would print a stack trace of its own
            }
        });

        PlotterCommand root = new PlotterCommand(in);
        CommandLine cli = commandLine(root, out, err, verbose, log);
        int exit;
        try {
            exit = cli.execute(args);
        } catch (OutOfMemoryError e) {
            outOfMemory(err);
            exit = FAILURE;
        } catch (Error e) {
            err.println("plotter: internal error: " + describe(e));
            if (verbose) {
                log.error("details", e);
            }
            exit = FAILURE;
        } finally {
            root.closeSession();
        }
        out.flush();
        if (out.checkError()) {
            err.println("plotter: cannot write to standard output (is the disk full or the pipe closed?)");
            return FAILURE;
        }
        return exit;
    }

    private static void outOfMemory(PrintWriter err) {
        if (OUT_OF_MEMORY_SAID.compareAndSet(false, true)) {
            err.println(OUT_OF_MEMORY);
        }
    }

    static CommandLine commandLine(PlotterCommand root, PrintWriter out, PrintWriter err, boolean verbose, Logger log) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            // one line, like every other error
            err.println("plotter: " + describe(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean badInput = isBadInput(ex);
            err.println("plotter: " + (badInput || knownFailure(ex) ? "" : "internal error: ") + describe(ex));
            if (verbose) {
                log.error("details", ex);
            }
            return badInput ? BAD_INPUT : FAILURE;
        });
        return cli;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof InvalidInputException || e instanceof ModelLoadException || e instanceof NoSuchFileException;
    }

    /** Failures that are not plotter's fault: the machine, the file system, a missing bundle. */
    private static boolean knownFailure(Throwable e) {
        return e instanceof java.io.IOException || e instanceof IllegalStateException || e instanceof InterruptedException;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
