package org.plotter.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.PlotJob;

/**
 * The operator's side of a paused plot: says what to do, then waits for Enter to continue, or "abort" or
 * the end of input to stop the plot safely (pen up). Program pauses (a pen change) come to it as job
 * events; Ctrl-C at a terminal ({@link CtrlC}) asks through it too. Answers on a thread of its own: a
 * listener or a signal handler must not block, and the driver keeps watching the machine meanwhile.
 */
final class OperatorPrompt implements JobListener {
    private final BufferedReader in;
    private final PrintWriter err;
    private final CompletableFuture<Void> attached = new CompletableFuture<>();
    /** The job running now: after a reconnect, the continued one. */
    private volatile PlotJob job;

    private boolean pauseAtPenUp;

    OperatorPrompt(BufferedReader in, PrintWriter err) {
        this.in = in;
        this.err = err;
    }

    /** Ctrl-C pauses at the next pen lift instead of mid-stroke ({@code --pause-at-pen-up}). */
    OperatorPrompt pausingAtPenUp(boolean atPenUp) {
        this.pauseAtPenUp = atPenUp;
        return this;
    }

    boolean pausesAtPenUp() {
        return pauseAtPenUp;
    }

    /** The job the answers go to (again after each reconnect); a pause that came before the first was known waits for it. */
    void attach(PlotJob running) {
        job = running;
        attached.complete(null);
    }

    @Override
    public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.ProgramPause pause) {
            ask("paused at line " + pause.line() + ": " + (pause.message().isEmpty() ? "program pause (M0)" : pause.message())
                    + ". The pen is up. Press Enter to continue, or type abort.", () -> { }, () -> { });
        } else if (event instanceof JobEvent.MachineSilent silent) {
            ask("the machine has said nothing for " + Summaries.time(silent.silentFor()) + " (is it powered, is the cable in?); the job is paused"
                    + " at line " + silent.line() + ". Press Enter to continue once it answers, or type abort.", () -> { }, () -> { });
        }
    }

    /**
     * Asks {@code question} and acts on the answer: Enter resumes the job (then {@code resumed} runs);
     * "abort" or the end of input cancels it (after {@code aborting} runs).
     */
    void ask(String question, Runnable aborting, Runnable resumed) {
        Thread answer = new Thread(() -> answer(question, aborting, resumed), "plotter-operator");
        answer.setDaemon(true);
        answer.start();
    }

    private void answer(String question, Runnable aborting, Runnable resumed) {
        synchronized (err) {
            err.println();
            err.println("plotter: " + question);
            err.flush();
        }
        String reply;
        try {
            reply = in.readLine();
        } catch (IOException e) {
            reply = null;
        }
        attached.join();
        PlotJob running = job;
        if (reply == null || reply.trim().toLowerCase(Locale.ROOT).startsWith("abort")) {
            synchronized (err) {
                err.println(reply == null ? "plotter: nobody to answer (end of input): stopping the plot safely" : "plotter: stopping the plot safely");
                err.flush();
            }
            aborting.run();
            running.cancel();
        } else {
            running.resume();
            resumed.run();
        }
    }
}
