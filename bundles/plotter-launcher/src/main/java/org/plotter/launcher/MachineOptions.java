package org.plotter.launcher;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Which machine port and how long a plot may take: shared by draw and plot. */
final class MachineOptions {
    @Option(names = {"-p", "--port"}, defaultValue = "sim:",
            description = "Machine port: sim: (the built-in simulated GRBL plotter; sim:speed=N runs N times real time) (default: ${DEFAULT-VALUE}).")
    String port;

    @Option(names = "--timeout", defaultValue = "2h", converter = DurationConverter.class,
            description = "Give up on a plot after this long: 30s, 5m, 2h, 1h30m or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;
}
