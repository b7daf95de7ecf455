package org.plotter.api.machine;

import java.time.Duration;
import java.util.Objects;
import org.plotter.api.gcode.FirmwareProfile;

/**
 * What a durable plot ({@link MachineSession#plot}) needs beyond its program.
 *
 * @param name what its journal is called after (the drawing's name)
 * @param profile the profile the program was made for: its driver streams it
 * @param profileSource how that profile was named (a name, or a file's path): the journal keeps it, so a
 *     resume finds the same profile
 * @param reconnectFor how long a job that lost its machine keeps trying to reach it again; zero: it ends
 *     at once, and the journal keeps it for {@code plotter resume}
 */
public record DurablePlot(String name, FirmwareProfile profile, String profileSource, Duration reconnectFor) {
    public DurablePlot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(profileSource, "profileSource");
        if (reconnectFor.isNegative()) {
            throw new IllegalArgumentException("reconnectFor must not be negative: " + reconnectFor);
        }
    }
}
