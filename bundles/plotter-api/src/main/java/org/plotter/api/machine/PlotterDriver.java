package org.plotter.api.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Speaks one firmware protocol (named by {@link FirmwareProfile#protocol()}) over any connection.
 * Registered with the {@value #PROTOCOL} service property.
 */
@ConsumerType
public interface PlotterDriver {
    String PROTOCOL = "plotter.protocol";

    String protocol();

    /**
     * Starts streaming {@code program} to a machine of {@code profile}; returns at once. Events arrive
     * on a driver thread. The caller keeps ownership of the connection.
     */
    PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener);

    /**
     * As {@link #start(PlotterConnection, GcodeProgram, FirmwareProfile, JobListener)}, sending line {@code n}
     * only once the machine has surely run {@code holds.mustHaveRun(n)} lines (reported by
     * {@link JobEvent.Executed}, which a driver delivers before it sends a line so held), so that a resume can
     * tell where the machine stopped. A driver that cannot tell which lines ran ignores them, and then a stop
     * in a stroke that comes back to a point it passed may be mistaken for the other visit.
     */
    default PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, LineHolds holds, JobListener listener) {
        return start(connection, program, profile, listener);
    }

    /**
     * Finds out, without moving anything, whether a machine speaking this protocol is on the connection:
     * its greeting or version (e.g. {@code Grbl 1.1h}, {@code FluidNC v3.7}, {@code Marlin 2.1.2}), or
     * empty if nothing of this protocol answered within {@code timeout}.
     */
    default Optional<String> identify(PlotterConnection connection, Duration timeout) throws IOException, InterruptedException {
        return Optional.empty();
    }

    /**
     * Opens a console on a machine of {@code profile}: waits (up to {@code timeout}) for it to answer,
     * without refusing a machine in an alarm state (unlocking it is one of the things a console is for).
     *
     * @throws IOException if the machine does not answer
     * @throws UnsupportedOperationException from a driver without a console
     */
    default MachineConsole console(PlotterConnection connection, FirmwareProfile profile, Duration timeout) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("the " + protocol() + " driver has no console");
    }

    /**
     * Starts a dry run on the machine where its firmware has one (GRBL's check mode {@code $C}: every line
     * parsed and answered, nothing moves); empty where it has none, and then nothing is sent.
     */
    default Optional<PlotJob> startCheck(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener) {
        return Optional.empty();
    }
}
