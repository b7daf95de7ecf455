package org.plotter.gcode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.FirmwareProfile;

/**
 * Follows a program line by line as the machine would: positions through {@code G20}/{@code G21} and
 * {@code G90}/{@code G91}, the motion mode and feed, and the pen: down after a line that is one of the
 * profile's pen-down commands, up after a pen-up one (for a pen on Z, a Z below the middle of its up and
 * down heights is down).
 */
final class ProgramFollower {
    private static final Pattern WORD = Pattern.compile("([A-Z])\\s*([-+]?[0-9]*\\.?[0-9]+)");
    private static final Pattern Z_WORD = Pattern.compile("(?i)Z\\s*([-+]?[0-9]*\\.?[0-9]+)");
    static final double MM_PER_INCH = 25.4;

    /**
     * The machine after a line: position in mm, pen, distance mode, units (mm per program unit), motion
     * mode ({@code G0}/{@code G1}, empty before any), the feed as written (NaN before any), and whether
     * the line named a position.
     */
    record State(double x, double y, boolean penDown, boolean absolute, double unit, String motionMode, double feed, boolean moved) {
        static final State START = new State(0, 0, false, true, 1, "", Double.NaN, false);
    }

    private final List<String> down;
    private final List<String> up;
    private final Double zThreshold;
    private State state = State.START;

    ProgramFollower(FirmwareProfile profile) {
        this.down = normalised(profile.pen().down());
        this.up = normalised(profile.pen().up());
        this.zThreshold = zThreshold(profile);
    }

    State state() {
        return state;
    }

    /** A line as the machine reads it: without comments ({@code (…)} and {@code ;…}), trimmed, upper case. */
    static String code(String raw) {
        return GcodeProgram.withoutComments(raw).toUpperCase(Locale.ROOT);
    }

    /** The state after {@code raw}. */
    State step(String raw) {
        String code = code(raw);
        boolean penDown = state.penDown();
        if (down.contains(normalise(code))) {
            penDown = true;
        } else if (up.contains(normalise(code))) {
            penDown = false;
        } else if (zThreshold != null) {
            Matcher z = Z_WORD.matcher(code);
            if (z.find()) {
                penDown = Double.parseDouble(z.group(1)) * state.unit() < zThreshold;
            }
        }
        if (code.startsWith("$")) {
            state = new State(state.x(), state.y(), penDown, state.absolute(), state.unit(), state.motionMode(), state.feed(), false);
            return state;
        }
        boolean absolute = state.absolute();
        double unit = state.unit(), feed = state.feed();
        String mode = state.motionMode();
        Double nx = null, ny = null;
        Matcher m = WORD.matcher(code);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            switch (m.group(1)) {
                case "G" -> {
                    switch ((int) Math.round(value * 10)) {
                        case 0 -> mode = "G0";
                        case 10 -> mode = "G1";
                        case 200 -> unit = MM_PER_INCH;
                        case 210 -> unit = 1;
                        case 900 -> absolute = true;
                        case 910 -> absolute = false;
                        default -> { }
                    }
                }
                case "F" -> feed = value;
                case "X" -> nx = value;
                case "Y" -> ny = value;
                default -> { }
            }
        }
        double x = nx == null ? state.x() : absolute ? nx * unit : state.x() + nx * unit;
        double y = ny == null ? state.y() : absolute ? ny * unit : state.y() + ny * unit;
        state = new State(x, y, penDown, absolute, unit, mode, feed, nx != null || ny != null);
        return state;
    }

    /** For a pen on Z (pen commands that move Z): the height between up and down; null otherwise. */
    private static Double zThreshold(FirmwareProfile profile) {
        Double up = z(profile.pen().up()), down = z(profile.pen().down());
        return up != null && down != null && !up.equals(down) ? (up + down) / 2 : null;
    }

    private static Double z(List<String> commands) {
        for (String command : commands) {
            Matcher m = Z_WORD.matcher(command);
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return null;
    }

    private static List<String> normalised(List<String> commands) {
        return commands.stream().map(c -> normalise(c.toUpperCase(Locale.ROOT))).toList();
    }

    /** Without spaces, so {@code M3 S30} and {@code M3S30} are one command. */
    private static String normalise(String code) {
        return code.replace(" ", "");
    }
}
