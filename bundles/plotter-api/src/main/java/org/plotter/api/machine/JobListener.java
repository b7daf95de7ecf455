package org.plotter.api.machine;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the events of a plot job, in order, on the driver's thread: keep it quick. */
@FunctionalInterface
@ConsumerType
public interface JobListener {
    void onEvent(JobEvent event);
}
