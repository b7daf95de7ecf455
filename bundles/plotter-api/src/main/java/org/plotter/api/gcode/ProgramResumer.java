package org.plotter.api.gcode;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Works out how an interrupted program continues so that no drawn segment is drawn twice and none is
 * skipped: from what the job's journal knows (lines surely executed, lines possibly sent) and where the
 * machine says it stopped, which line it stopped in, and what to send before the rest.
 */
@ProviderType
public interface ProgramResumer {
    /**
     * @param executedAtLeast lines the machine has surely executed (0 if unknown)
     * @param sentAtMost lines that may have reached the machine
     * @param x where the machine stopped, mm in program coordinates
     * @param y likewise
     * @throws org.plotter.api.InvalidInputException if the position is not on the program's path between those
     *     lines (the machine was moved, or lost its position), or the program cannot be resumed there
     */
    Resumption resume(GcodeProgram program, FirmwareProfile profile, int executedAtLeast, int sentAtMost, double x, double y);
}
