package org.plotter.launcher;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
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
    private volatile long streamingStartedMillis;
    private volatile String lastState = "";
    private long lastDraw;

    ProgressReporter(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** Milliseconds from JVM start until the first program line was about to be sent. */
    long millisToFirstLine() {
        return streamingStartedMillis - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void onEvent(JobEvent event) {
        if (event instanceof JobEvent.Connected connected) {
            streamingStartedMillis = System.currentTimeMillis();
            lastDraw = System.nanoTime();
            if (!interactive) {
                err.println("plotter: streaming to " + connected.firmware());
                err.flush();
            }
        } else if (event instanceof JobEvent.Status status) {
            lastState = status.state();
        } else if (event instanceof JobEvent.Progress progress) {
            long now = System.nanoTime();
            int percent = (int) (100L * progress.acknowledged() / Math.max(1, progress.total()));
            if (interactive && (now - lastDraw > REDRAW_NANOS || progress.acknowledged() == progress.total())) {
                lastDraw = now;
                int filled = BAR_WIDTH * progress.acknowledged() / Math.max(1, progress.total());
                err.printf("\rplotting [%s%s] %3d%% %d/%d lines %s", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                        percent, progress.acknowledged(), progress.total(), lastState);
                err.flush();
            } else if (!interactive && now - lastDraw > PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
                lastDraw = now;
                err.printf("plotter: %d%%, %d of %d lines%n", percent, progress.acknowledged(), progress.total());
                err.flush();
            }
        } else if (event instanceof JobEvent.Finished && interactive) {
            err.println();
        }
    }
}
