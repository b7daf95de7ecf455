package org.plotter.launcher;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import org.plotter.api.JobEvent;
import org.plotter.api.machine.JobListener;

/**
 * Shows a plot's progress on one terminal line (only on an interactive terminal, so logs and pipes
 * stay clean) and notes when streaming began, for the start-up benchmark.
 */
final class ProgressReporter implements JobListener {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
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
        if (event instanceof JobEvent.Connected) {
            streamingStartedMillis = System.currentTimeMillis();
        } else if (event instanceof JobEvent.Status status) {
            lastState = status.state();
        } else if (event instanceof JobEvent.Progress progress && interactive) {
            long now = System.nanoTime();
            if (now - lastDraw > REDRAW_NANOS || progress.acknowledged() == progress.total()) {
                lastDraw = now;
                int filled = BAR_WIDTH * progress.acknowledged() / Math.max(1, progress.total());
                err.printf("\rplotting [%s%s] %3d%% %d/%d lines %s", "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                        100 * progress.acknowledged() / Math.max(1, progress.total()), progress.acknowledged(), progress.total(), lastState);
                err.flush();
            }
        } else if (event instanceof JobEvent.Finished && interactive) {
            err.println();
        }
    }
}
