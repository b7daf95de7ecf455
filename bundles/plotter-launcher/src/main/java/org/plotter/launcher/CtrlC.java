package org.plotter.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plotter.api.machine.PlotJob;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C at a terminal: the job pauses at once (GRBL's feed hold; Marlin stops being fed) and the operator
 * is asked: Enter resumes, "abort" (or a second Ctrl-C, or the end of input) stops the plot safely. Only
 * with a terminal and without {@code --yes}; otherwise Ctrl-C stops safely at once, as SIGTERM always does.
 * The JDK offers no other way to catch SIGINT without ending the JVM than {@code sun.misc.Signal}.
 */
final class CtrlC {
    /** Where the question goes and the answer comes from. */
    record Terminal(BufferedReader in, PrintWriter err) {}

    private final SignalHandler previous;
    private final Signal interrupt = new Signal("INT");

    private CtrlC(PlotJob job, Terminal terminal, Runnable aborted) {
        AtomicBoolean asking = new AtomicBoolean();
        previous = Signal.handle(interrupt, sig -> {
            if (!asking.compareAndSet(false, true)) {
                aborted.run(); // a second Ctrl-C while asking: stop
                job.cancel();
                return;
            }
            job.pause();
            Thread question = new Thread(() -> {
                synchronized (terminal.err()) {
                    terminal.err().println();
                    terminal.err().println("plotter: paused (Ctrl-C). Press Enter to resume, or type abort to stop safely (pen up).");
                    terminal.err().flush();
                }
                String answer;
                try {
                    answer = terminal.in().readLine();
                } catch (IOException e) {
                    answer = null;
                }
                if (answer == null || answer.trim().toLowerCase(Locale.ROOT).startsWith("abort")) {
                    aborted.run();
                    job.cancel();
                } else {
                    job.resume();
                    asking.set(false);
                }
            }, "plotter-ctrl-c");
            question.setDaemon(true);
            question.start();
        });
    }

    static CtrlC install(PlotJob job, Terminal terminal, Runnable aborted) {
        return new CtrlC(job, terminal, aborted);
    }

    /** Ctrl-C goes back to what it did before the plot. */
    void uninstall() {
        Signal.handle(interrupt, previous);
    }
}
