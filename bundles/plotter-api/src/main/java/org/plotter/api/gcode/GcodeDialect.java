package org.plotter.api.gcode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The G-code a firmware reads where firmwares differ: the unit of the dwell's {@code P} word (GRBL:
 * seconds; Marlin: milliseconds) and the lines that start and end every program.
 */
public record GcodeDialect(DwellUnit dwellUnit, List<String> programStart, List<String> programEnd) {
    public enum DwellUnit { SECONDS, MILLISECONDS }

    /** GRBL 1.1: {@code G4 P} in seconds, millimetres and absolute positions. */
    public static final GcodeDialect GRBL = new GcodeDialect(DwellUnit.SECONDS, List.of("G21 G90"), List.of());

    public GcodeDialect {
        programStart = List.copyOf(programStart);
        programEnd = List.copyOf(programEnd);
    }

    /** A dwell of {@code time} in this dialect, e.g. {@code G4 P0.150} or {@code G4 P150}. */
    public String dwell(Duration time) {
        return switch (dwellUnit) {
            case SECONDS -> String.format(Locale.ROOT, "G4 P%.3f", time.toMillis() / 1000.0);
            case MILLISECONDS -> "G4 P" + time.toMillis();
        };
    }
}
