package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;

/**
 * A small G-code interpreter for tests: it runs a program as a machine of the profile would and records
 * each straight move with the pen state at the time (the pen is down after the profile's pen-down
 * commands, up after its pen-up ones), in machine millimetres.
 */
final class GcodeReadBack {
    record Move(double x0, double y0, double x1, double y1, boolean penDown, boolean rapid) {}

    /** A program pause ({@code M0}): where the machine stood, whether the pen was down, and the line's comment. */
    record Pause(double x, double y, boolean penDown, String message, int movesBefore) {}

    final List<Move> moves = new ArrayList<>();
    final List<Pause> pauses = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    double dwellSeconds;

    static GcodeReadBack run(List<String> lines, FirmwareProfile profile) {
        GcodeReadBack machine = new GcodeReadBack();
        double x = 0, y = 0, unit = 1, feed = 0;
        boolean penDown = false, absolute = true, rapid = true;
        for (String line : lines) {
            if (profile.pen().down().contains(line)) {
                penDown = true;
            } else if (profile.pen().up().contains(line)) {
                penDown = false;
            }
            String code = line.replaceAll("\\(.*?\\)|;.*", "").toUpperCase(Locale.ROOT);
            if (code.trim().matches("M0*0")) {
                int semicolon = line.indexOf(';');
                machine.pauses.add(new Pause(x, y, penDown, semicolon < 0 ? "" : line.substring(semicolon + 1).trim(), machine.moves.size()));
                continue;
            }
            Double nx = null, ny = null, p = null;
            boolean dwell = false;
            for (String word : code.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                char letter = word.charAt(0);
                double value = Double.parseDouble(word.substring(1));
                switch (letter) {
                    case 'G' -> {
                        switch ((int) Math.round(value * 10)) {
                            case 0 -> rapid = true;
                            case 10 -> rapid = false;
                            case 40 -> dwell = true;
                            case 200 -> unit = 25.4;
                            case 210 -> unit = 1;
                            case 900 -> absolute = true;
                            case 910 -> absolute = false;
                            default -> { }
                        }
                    }
                    case 'X' -> nx = value * unit;
                    case 'Y' -> ny = value * unit;
                    case 'F' -> feed = value * unit;
                    case 'P' -> p = value;
                    default -> { }
                }
            }
            if (dwell) {
                machine.dwellSeconds += profile.dialect().dwellUnit() == GcodeDialect.DwellUnit.SECONDS ? p : p / 1000;
            }
            if (nx != null || ny != null) {
                double tx = nx == null ? x : (absolute ? nx : x + nx), ty = ny == null ? y : (absolute ? ny : y + ny);
                if (!rapid && feed <= 0) {
                    machine.problems.add("a G1 without a feed: " + line);
                }
                machine.moves.add(new Move(x, y, tx, ty, penDown, rapid));
                x = tx;
                y = ty;
            }
        }
        return machine;
    }
}
