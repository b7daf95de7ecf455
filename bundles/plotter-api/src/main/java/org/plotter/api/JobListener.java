package org.plotter.api;

/** Receives the events of a plot job, in order, on the driver's thread: keep it quick. */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface JobListener {
    void onEvent(JobEvent event);
}
