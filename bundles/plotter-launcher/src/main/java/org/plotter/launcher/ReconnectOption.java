package org.plotter.launcher;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a plot keeps trying to reach a machine that went away or reset: shared by the plotting commands and resume. */
final class ReconnectOption {
    @Option(names = "--reconnect-for", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "When the port goes away or the controller resets mid-plot, keep trying to reach it this long, then go on"
                    + " from where it stopped (default: ${DEFAULT-VALUE}; 0s: stop at once).")
    Duration reconnectFor;
}
