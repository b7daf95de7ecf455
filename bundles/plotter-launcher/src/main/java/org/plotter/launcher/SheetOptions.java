package org.plotter.launcher;

import picocli.CommandLine.Option;

/** What a sheet of sketches is written as, besides its SVG and PNG: shared by sample, interpolate and complete. */
final class SheetOptions {
    @Option(names = "--gif", description = "Also write NAME.gif: the pen drawing the sheet, animated.")
    boolean gif;
}
