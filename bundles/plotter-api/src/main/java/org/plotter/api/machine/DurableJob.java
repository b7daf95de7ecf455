package org.plotter.api.machine;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A plot that outlives its connection ({@link MachineSession#plot}, {@link MachineSession#resume}): pause,
 * resume and cancel reach whichever run of it is on the machine, and cancelling it while it waits for the
 * machine to come back stops the waiting.
 */
@ProviderType
public interface DurableJob extends PlotJob {
    /** Its journal's id ({@code plotter resume ID}); empty where nothing could resume it (the in-process simulator). */
    Optional<String> journal();

    /** How many times it lost the machine and went on from where the machine stopped. */
    int reconnects();

    /** What the machine it last ran on recorded of its motion, where the connection keeps one (the simulator). */
    Optional<ExecutionRecord> executionRecord();
}
