package org.plotter.driver.grbl;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A GRBL 1.1 status report, e.g. {@code <Run|MPos:10.000,5.000,0.000|Bf:15,128|FS:3000,30|WCO:0.000,0.000,0.000>}:
 * the machine state and its sub-state ({@code Hold:0} = hold complete, {@code Hold:1} = decelerating),
 * the position (machine or work coordinates, as {@code $10} chooses), the free planner blocks and serial
 * receive bytes ({@code Bf:}, when enabled), feed and spindle speed ({@code FS:}, or {@code F:} on
 * machines without a variable spindle) and now and then the work coordinate offset ({@code WCO:}).
 */
record GrblStatus(String state, OptionalInt subState, boolean machineCoordinates, double x, double y, double z,
                  OptionalInt plannerBlocksFree, OptionalInt rxBytesFree, double feed, double spindle, Optional<Offset> workOffset) {

    /**
     * {@code WCO:}, the work coordinate offset (work position = machine position − offset): GRBL sends it only
     * in some reports (every 10 to 30, and after a change).
     */
    record Offset(double x, double y) {}


    static Optional<GrblStatus> parse(String report) {
        if (!report.startsWith("<") || !report.endsWith(">")) {
            return Optional.empty();
        }
        String[] fields = report.substring(1, report.length() - 1).split("\\|");
        if (fields.length < 2 || fields[0].isEmpty()) {
            return Optional.empty();
        }
        String[] stateParts = fields[0].split(":");
        String state = stateParts[0];
        OptionalInt sub = OptionalInt.empty();
        Boolean machine = null;
        double[] position = null;
        OptionalInt blocks = OptionalInt.empty(), bytes = OptionalInt.empty();
        double feed = 0, spindle = 0;
        Offset offset = null;
        try {
            if (stateParts.length > 1) {
                sub = OptionalInt.of(Integer.parseInt(stateParts[1]));
            }
            for (int i = 1; i < fields.length; i++) {
                int colon = fields[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = fields[i].substring(0, colon);
                String value = fields[i].substring(colon + 1);
                switch (key) {
                    case "MPos", "WPos" -> {
                        machine = key.equals("MPos");
                        position = numbers(value);
                    }
                    case "Bf" -> {
                        double[] free = numbers(value);
                        blocks = OptionalInt.of((int) free[0]);
                        bytes = OptionalInt.of((int) free[1]);
                    }
                    case "FS" -> {
                        double[] fs = numbers(value);
                        feed = fs[0];
                        spindle = fs[1];
                    }
                    case "F" -> feed = numbers(value)[0];
                    case "WCO" -> {
                        double[] wco = numbers(value);
                        offset = new Offset(wco[0], wco[1]);
                    }
                    default -> { } // Ov, Pn, Ln, A: not needed to stream
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
        if (position == null || position.length < 2) {
            return Optional.empty();
        }
        return Optional.of(new GrblStatus(state, sub, machine, position[0], position[1], position.length > 2 ? position[2] : 0,
                blocks, bytes, feed, spindle, Optional.ofNullable(offset)));
    }

    private static double[] numbers(String csv) {
        String[] parts = csv.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    /** The state with its sub-state, as GRBL writes them: {@code Run}, {@code Hold:0}. */
    String stateName() {
        return state + subState.stream().mapToObj(s -> ":" + s).findFirst().orElse("");
    }

    /** Stopped under a feed hold: safe to soft-reset without losing position. */
    boolean holdComplete() {
        return state.equals("Hold") && subState.orElse(-1) == 0;
    }
}
