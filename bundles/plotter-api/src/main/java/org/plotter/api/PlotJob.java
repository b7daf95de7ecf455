package org.plotter.api;

import java.time.Duration;

/** A running plot. Pause and resume act immediately on the machine (feed hold / cycle start). */
@org.osgi.annotation.versioning.ProviderType
public interface PlotJob {
    void pause();

    void resume();

    /** Stops the machine and the stream; {@link #await} then reports the job as cancelled. */
    void cancel();

    /** Waits until the job completes, fails or is cancelled, or {@code timeout} passes. */
    JobResult await(Duration timeout) throws InterruptedException;
}
