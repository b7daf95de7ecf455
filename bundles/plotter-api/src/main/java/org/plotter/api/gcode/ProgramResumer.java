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

    /**
     * What became of the lines the machine had received but not yet run when the job was interrupted. It
     * decides which visit of a point the program passes more than once (a closed stroke ends where it
     * began) the machine is at.
     */
    enum QueueFate {
        /**
         * They ran: the host went away (killed, unplugged) and the machine, keeping power, ran what it had; it
         * is at the latest matching point.
         */
        RAN,
        /**
         * They were thrown away: the controller was reset, or a safe stop cleared its queue; it is at the
         * earliest matching point after the lines surely executed.
         */
        DISCARDED
    }

    /**
     * The lines a sender must keep back until earlier ones have run so that {@link #resume} can always tell where
     * a machine stopped: a line that comes back to a point the program passed since the lines that may still be
     * queued waits until that visit has run. None by default: a resumer that does not say relies on position alone.
     */
    default LineHolds holds(GcodeProgram program, FirmwareProfile profile) {
        return LineHolds.none();
    }

    /** As {@link #resume(GcodeProgram, FirmwareProfile, int, int, double, double)}, for a queue that {@code fate} says ran or was discarded. */
    default Resumption resume(GcodeProgram program, FirmwareProfile profile, int executedAtLeast, int sentAtMost, double x, double y,
                              QueueFate fate) {
        return resume(program, profile, executedAtLeast, sentAtMost, x, y);
    }
}
