package org.plotter.launcher;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;

/**
 * Shows a plot's progress: a bar redrawn on one line on an interactive terminal, otherwise (logs,
 * pipes, a kiosk) a line when streaming starts and one every {@value #PLAIN_INTERVAL_SECONDS} s.
 * It also notes when streaming began, for the start-up benchmark.
 */
final class ProgressReporter implements JobListener {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_INTERVAL_SECONDS = 10;
    private final PrintWriter err;
    private final boolean interactive;
    /** The plan's estimate: the remaining time starts from it and follows the actual pace once known. */
    private final Duration estimate;
    private volatile long connectedNanos;
    private volatile long pausedAtNanos;
    private volatile long streamingStartedMillis;
    private volatile String lastState = "";
    /** Pen-down mm once the first i lines have run; the last element is the whole drawing. */
    private final double[] drawnAfter;
    private volatile int executed;
    private long lastDraw;

    /** {@code drawnAfter}: the pen distance once each number of lines has run (see ProgramReader#drawnAfterLines). */
    ProgressReporter(PrintWriter err, boolean interactive, Duration estimate, double[] drawnAfter) {
        this.err = err;
        this.interactive = interactive;
        this.estimate = estimate;
        this.drawnAfter = drawnAfter.length == 0 ? new double[1] : drawnAfter.clone();
    }

    /** The pen distance drawn so far, by the lines the machine has surely run, and of how much. */
    String penDistance() {
        double total = drawnAfter[drawnAfter.length - 1];
        return String.format(java.util.Locale.ROOT, "%.0f of %.0f mm drawn", drawnAfter[Math.min(executed, drawnAfter.length - 1)], total);
    }

    /**
     * Time left: the estimate less what has passed while the pace matches it; when the machine is slower
     * than estimated (lines acknowledged lag), the pace so far projected over the rest.
     */
    Duration remaining(int acknowledged, int total, long elapsedNanos) {
        double done = total == 0 ? 1 : (double) acknowledged / total;
        double elapsed = elapsedNanos / 1e9;
        double projected = done > 0.05 ? Math.max(estimate.toMillis() / 1000.0, elapsed / done) : estimate.toMillis() / 1000.0;
        return Duration.ofMillis(Math.round(1000 * Math.max(0, projected - elapsed)));
    }

    /** Milliseconds from JVM start until the first program line was about to be sent. */
    long millisToFirstLine() {
        return streamingStartedMillis - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.Connected connected) {
            if (connectedNanos == 0) {
                // a job continued after a reconnect keeps its clock: its lines are counted from the program's start
                streamingStartedMillis = System.currentTimeMillis();
                connectedNanos = System.nanoTime();
            }
            lastDraw = System.nanoTime();
            if (!interactive) {
                err.println("plotter: streaming to " + connected.firmware());
                err.flush();
            }
        } else if (event instanceof JobEvent.Notice notice) {
            // below the bar, which is drawn again on the next line
            err.println((interactive ? "\n" : "") + "plotter: " + notice.message());
            err.flush();
        } else if (event instanceof JobEvent.Status status) {
            lastState = status.state();
        } else if (event instanceof JobEvent.Executed ran) {
            executed = Math.max(executed, ran.lines());
        } else if (event instanceof JobEvent.Progress progress) {
            long now = System.nanoTime();
            int percent = (int) (100L * progress.acknowledged() / Math.max(1, progress.total()));
            long elapsed = now - connectedNanos;
            String times = penDistance() + ", " + Summaries.time(Duration.ofNanos(elapsed)) + " elapsed, "
                    + Summaries.time(remaining(progress.acknowledged(), progress.total(), elapsed)) + " left";
            if (interactive && (now - lastDraw > REDRAW_NANOS || progress.acknowledged() == progress.total())) {
                lastDraw = now;
                int filled = BAR_WIDTH * progress.acknowledged() / Math.max(1, progress.total());
                err.printf("\rplotting [%s%s] %3d%% %d/%d lines, %s %-8s", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                        percent, progress.acknowledged(), progress.total(), times, lastState);
                err.flush();
            } else if (!interactive && now - lastDraw > PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
                lastDraw = now;
                err.printf("plotter: %d%%, %d of %d lines, %s%n", percent, progress.acknowledged(), progress.total(), times);
                err.flush();
            }
        } else if (event instanceof JobEvent.ProgramPause || event instanceof JobEvent.Paused || event instanceof JobEvent.MachineSilent) {
            pausedAtNanos = System.nanoTime();
        } else if (event instanceof JobEvent.Resumed && pausedAtNanos != 0) {
            // time held is the operator's, not the machine's: the estimate leaves it out, so does the pace
            connectedNanos += System.nanoTime() - pausedAtNanos;
            pausedAtNanos = 0;
        } else if (event instanceof JobEvent.Finished finished && finished.result().completed()) {
            executed = drawnAfter.length - 1;
            if (interactive) {
                err.println();
            }
        } else if (event instanceof JobEvent.Finished && interactive) {
            err.println();
        }
    }
}
