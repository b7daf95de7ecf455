package org.plotter.launcher;

import java.util.concurrent.atomic.AtomicBoolean;
import org.plotter.api.machine.PlotJob;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C at a terminal: the job pauses at once (GRBL's feed hold; Marlin stops being fed), or at the next
 * pen lift with {@code --pause-at-pen-up}, and the
 * {@link OperatorPrompt} asks: Enter resumes, "abort" (or a second Ctrl-C, or the end of input) stops the
 * plot safely. Only with a terminal and without {@code --yes}; otherwise Ctrl-C stops safely at once, as
 * SIGTERM always does. The JDK offers no other way to catch SIGINT without ending the JVM than
 * {@code sun.misc.Signal}.
 */
final class CtrlC {
    private final SignalHandler previous;
    private final Signal interrupt = new Signal("INT");

    private CtrlC(PlotJob job, OperatorPrompt operator, Runnable aborted) {
        AtomicBoolean asking = new AtomicBoolean();
        previous = Signal.handle(interrupt, sig -> {
            if (!asking.compareAndSet(false, true)) {
                aborted.run(); // a second Ctrl-C while asking: stop
                job.cancel();
                return;
            }
            if (operator.pausesAtPenUp()) {
                job.pauseAtPenUp();
                operator.ask("pausing at the next pen lift (Ctrl-C again stops at once). Press Enter to resume, or type abort to stop"
                        + " safely (pen up).", aborted, () -> asking.set(false));
                return;
            }
            job.pause();
            operator.ask("paused (Ctrl-C). Press Enter to resume, or type abort to stop safely (pen up).", aborted, () -> asking.set(false));
        });
    }

    static CtrlC install(PlotJob job, OperatorPrompt operator, Runnable aborted) {
        return new CtrlC(job, operator, aborted);
    }

    /** Ctrl-C goes back to what it did before the plot. */
    void uninstall() {
        Signal.handle(interrupt, previous);
    }
}
