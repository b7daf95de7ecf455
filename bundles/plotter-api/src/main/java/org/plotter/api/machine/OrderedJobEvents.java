package org.plotter.api.machine;

import java.util.Objects;

/**
 * A job's events on their way to its listener, one at a time, and none after {@link JobEvent.Finished}.
 * A driver reports from more than one thread (the reader, the sender, whoever calls {@link PlotJob#pause});
 * sending them all through this keeps the promise of {@link PlotJob#await}, that {@code Finished} comes
 * last, whichever thread reports last: a status report read just before the end is dropped, not delivered
 * after it.
 */
public final class OrderedJobEvents implements JobListener {
    private final JobListener listener;
    private boolean finished;
    private volatile int executed;

    public OrderedJobEvents(JobListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public synchronized void onEvent(JobEvent event) {
        if (finished) {
            return;
        }
        finished = event instanceof JobEvent.Finished;
        listener.onEvent(event);
        if (event instanceof JobEvent.Executed ran) {
            executed = Math.max(executed, ran.lines());
        }
    }

    /**
     * The most lines an {@link JobEvent.Executed} delivered so far said had run: what the listener (a job's
     * journal among them) knows, which a line held for a resume's sake waits for.
     */
    public int executed() {
        return executed;
    }
}
