package org.plotter.api.machine;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A running plot, implemented by each driver. Pause and resume act immediately on the machine (feed
 * hold / cycle start). Every wait inside a job is bounded; a job's threads end with it.
 */
@ConsumerType
public interface PlotJob {
    void pause();

    void resume();

    /**
     * Pauses at the next pen lift instead of mid-stroke: the lines up to and including the next pen-up
     * command are sent and run, none after them; then {@link JobEvent.Paused} comes, and {@link #resume}
     * goes on. A driver that cannot tell where the pen lifts pauses at once.
     */
    default void pauseAtPenUp() {
        pause();
    }

    /**
     * Stops the stream and the machine, clears its queued motion and lifts the pen; {@link #await} then
     * reports the job as cancelled, with how the machine was left.
     */
    void cancel();

    /**
     * Waits until the job completes, fails or is cancelled, or {@code timeout} passes. A job that ended has
     * delivered all of its events, {@link JobEvent.Finished} last, before this returns.
     */
    JobResult await(Duration timeout) throws InterruptedException;
}
