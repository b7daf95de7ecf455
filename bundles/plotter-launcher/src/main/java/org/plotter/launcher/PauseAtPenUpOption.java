package org.plotter.launcher;

import picocli.CommandLine.Option;

/** Where Ctrl-C pauses a plot: shared by the plotting commands and resume. */
final class PauseAtPenUpOption {
    @Option(names = "--pause-at-pen-up", description = "At a terminal, Ctrl-C pauses at the next pen lift (the stroke is finished, the pen"
            + " goes up) instead of mid-stroke.")
    boolean pauseAtPenUp;
}
