package org.plotter.launcher;

import java.time.Duration;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.machine.PlotterDriver;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which machine port and how long a plot may take: shared by draw and plot. */
final class MachineOptions {
    @Option(names = {"-p", "--port"}, defaultValue = "sim:",
            description = {"Machine port: a serial port (/dev/ttyUSB0, /dev/ttyACM0, COM3; 'plotter ports' lists them) or sim:",
                    "(the built-in simulated GRBL plotter; sim:speed=N runs N times real time) (default: ${DEFAULT-VALUE})."})
    String port;

    @Option(names = "--timeout", defaultValue = "2h", converter = DurationConverter.class,
            description = "Give up on a plot after this long: 30s, 5m, 2h, 1h30m or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-y", "--yes"}, description = "Ctrl-C stops the plot safely at once, without asking (as when not at a terminal).")
    boolean yes;

    @Mixin
    ReconnectOption reconnect;

    @Mixin
    PauseAtPenUpOption pause;

    @Option(names = "--dry-run", description = "Plan and print what the machine would do (strokes, distances, pen lifts, time), then stop: nothing is sent or written.")
    boolean dryRun;

    /**
     * The machine a plot goes to: its profile (and how to find it again: a name, or a file's absolute path), the
     * driver for its protocol, and the port.
     */
    record Target(FirmwareProfile profile, String profileSource, PlotterDriver driver, String port, Duration timeout,
                  boolean dryRun, boolean yes, Duration reconnectFor, boolean pauseAtPenUp) {}

    /** Resolves the profile, the driver and the port at once, so a bad one is refused before any work. */
    Target target(Session session, PlotOptions plot) throws InterruptedException {
        return target(session, plot.profile(session), plot.profile);
    }

    /** {@code profileArgument}: the profile as the command line named it, so that a job can be resumed with it. */
    Target target(Session session, FirmwareProfile profile, String profileArgument) {
        session.connectionFor(port); // a port nothing here takes is named before any work
        return new Target(profile, profileSource(profileArgument), session.driver(profile.protocol().name()), port, timeout, dryRun, yes, reconnect.reconnectFor, pause.pauseAtPenUp);
    }

    /** A profile file's absolute path (a later 'plotter resume' may run elsewhere), or the profile's name. */
    static String profileSource(String argument) {
        java.nio.file.Path file = java.nio.file.Path.of(argument);
        return java.nio.file.Files.isRegularFile(file) ? file.toAbsolutePath().normalize().toString() : argument;
    }
}
