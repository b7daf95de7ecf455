package org.plotter.api.gcode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The G-code a firmware reads where firmwares differ: the unit of the dwell's {@code P} word (GRBL:
 * seconds; Marlin: milliseconds), the unit coordinates are written in ({@code G21} millimetres or
 * {@code G20} inches; the program start must select the same one), and the lines that start and end
 * every program.
 */
public record GcodeDialect(DwellUnit dwellUnit, LengthUnit lengthUnit, List<String> programStart, List<String> programEnd) {
    public enum DwellUnit { SECONDS, MILLISECONDS }

    /** Millimetres per unit of the coordinates and feeds written. */
    public enum LengthUnit {
        MILLIMETRES(1), INCHES(25.4);

        private final double millimetres;

        LengthUnit(double millimetres) {
            this.millimetres = millimetres;
        }

        public double fromMillimetres(double mm) {
            return mm / millimetres;
        }
    }

    /** GRBL 1.1: {@code G4 P} in seconds, millimetres and absolute positions. */
    public static final GcodeDialect GRBL = new GcodeDialect(DwellUnit.SECONDS, LengthUnit.MILLIMETRES, List.of("G21 G90"), List.of());

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
