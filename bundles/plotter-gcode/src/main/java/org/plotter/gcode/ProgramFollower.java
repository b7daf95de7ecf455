package org.plotter.gcode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;

/**
 * Follows a program line by line as the machine would: positions through {@code G20}/{@code G21} and
 * {@code G90}/{@code G91}, the motion mode and feed, and the pen: down after a line that is one of the
 * profile's pen-down commands, up after a pen-up one (for a pen on Z, a Z below the middle of its up and
 * down heights is down). Positions are in mm in the frame the program starts in, which is taken to be the
 * machine's own: {@code G92} gives the current point new coordinates without moving, {@code G53} moves in
 * that frame, {@code G28}/{@code G30} take the axes they name (all if none) back to its origin (their
 * default stored position, and Marlin's home). {@code G10} changes a work coordinate system, which is
 * kept apart from G92's offset and can be set in machine coordinates the program does not know, so it is
 * refused, as are the XZ and YZ planes ({@code G18}, {@code G19}) and inverse-time feeds ({@code G93}).
 */
final class ProgramFollower {
    /** A word of G-code: its letter and number. */
    static final Pattern WORD = Pattern.compile("([A-Z])\\s*([-+]?[0-9]*\\.?[0-9]+)");
    private static final Pattern Z_WORD = Pattern.compile("(?i)Z\\s*([-+]?[0-9]*\\.?[0-9]+)");
    static final double MM_PER_INCH = 25.4;

    /**
     * The machine after a line: position in mm, pen, distance mode, units (mm per program unit), motion
     * mode ({@code G0}/{@code G1}/{@code G2}/{@code G3}, empty before any), the feed as written (NaN before
     * any), whether the line named a position, and the arc it moved along (null for a straight move).
     */
    record State(double x, double y, boolean penDown, boolean absolute, double unit, String motionMode, double feed, boolean moved, Arc arc) {
        static final State START = new State(0, 0, false, true, 1, "", Double.NaN, false, null);

        /**
         * The points the machine passed through on its way here from {@code before}, the start left out: the
         * chords of an arc within {@link Arc#CHORD_TOLERANCE_MM}, or this state's position.
         */
        List<double[]> pathFrom(State before) {
            return arc == null ? List.<double[]>of(new double[] {x, y}) : arc.points(before.x(), before.y(), x, y);
        }

        /** How far the machine went from {@code before} to here: along the arc, or straight. */
        double lengthFrom(State before) {
            return arc == null ? Math.hypot(x - before.x(), y - before.y()) : arc.length(before.x(), before.y(), x, y);
        }
    }

    /**
     * A circular move in the XY plane ({@code G2} clockwise, {@code G3} counter-clockwise, as GRBL and Marlin
     * read them: centre by {@code I}/{@code J} from the start, or by radius {@code R}), in mm.
     */
    record Arc(double cx, double cy, boolean clockwise) {
        /** Arcs are drawn as chords this close to the circle. */
        static final double CHORD_TOLERANCE_MM = 0.01;

        double radius(double x, double y) {
            return Math.hypot(x - cx, y - cy);
        }

        /** The angle swept from (x0, y0) to (x1, y1), positive, a full turn when they coincide. */
        double sweep(double x0, double y0, double x1, double y1) {
            double a0 = Math.atan2(y0 - cy, x0 - cx), a1 = Math.atan2(y1 - cy, x1 - cx);
            double sweep = clockwise ? a0 - a1 : a1 - a0;
            sweep = ((sweep % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
            return sweep < 1e-9 ? 2 * Math.PI : sweep;
        }

        /** Points along the arc from (x0, y0) to (x1, y1), the start left out, the end exactly. */
        List<double[]> points(double x0, double y0, double x1, double y1) {
            double r = radius(x0, y0), sweep = sweep(x0, y0, x1, y1);
            double step = r > CHORD_TOLERANCE_MM ? 2 * Math.acos(1 - CHORD_TOLERANCE_MM / r) : sweep;
            int n = Math.max(1, (int) Math.ceil(sweep / step));
            double a0 = Math.atan2(y0 - cy, x0 - cx), direction = clockwise ? -1 : 1;
            List<double[]> points = new java.util.ArrayList<>(n);
            for (int i = 1; i < n; i++) {
                double a = a0 + direction * sweep * i / n;
                points.add(new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a)});
            }
            points.add(new double[] {x1, y1});
            return points;
        }

        /** Whether (x, y) lies on the arc from (x0, y0) to (x1, y1), within {@code tolerance}. */
        boolean passesThrough(double x0, double y0, double x1, double y1, double x, double y, double tolerance) {
            if (Math.abs(radius(x, y) - radius(x0, y0)) > tolerance) {
                return false;
            }
            return sweep(x0, y0, x, y) <= sweep(x0, y0, x1, y1) + tolerance / Math.max(radius(x0, y0), tolerance);
        }

        /** The arc's length from (x0, y0) to (x1, y1). */
        double length(double x0, double y0, double x1, double y1) {
            return radius(x0, y0) * sweep(x0, y0, x1, y1);
        }
    }

    private final List<String> down;
    private final List<String> up;
    private final Double zThreshold;
    private State state = State.START;
    /** Where the program's coordinates have their origin in the starting frame, set by G92 (mm). */
    private double offsetX, offsetY;
    /** The 1-based number of the line being followed, and of the first that gave the program other coordinates (0 for none). */
    private int lineNumber, firstNewCoordinatesLine;

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

    /**
     * The first line (1-based) so far that gave the program other coordinates, or 0: a {@code G92}, or a work
     * coordinate system other than G54 ({@code G55}…{@code G59}). From there on the machine reports positions
     * in coordinates that depend on where it really was at a G92, or on offsets stored in the machine, neither
     * of which the program says (this follower takes the machine to start at the origin of one frame), and
     * GRBL's soft reset forgets G92 and goes back to G54: the rest of the program sent again after one would
     * land elsewhere. So a stop after it cannot be resumed, even after a {@code G92 X0 Y0}.
     */
    int firstNewCoordinatesLine() {
        return firstNewCoordinatesLine;
    }

    /** The state before the first of {@code lines} ({@code [0]}) and after each of them, followed from here. */
    List<State> follow(List<String> lines) {
        List<State> after = new java.util.ArrayList<>(lines.size() + 1);
        after.add(state);
        for (String line : lines) {
            after.add(step(line));
        }
        return after;
    }

    /** The state after {@code raw}. */
    State step(String raw) {
        lineNumber++;
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
            return keep(penDown, state.absolute(), state.unit(), state.motionMode(), state.feed());
        }
        boolean absolute = state.absolute();
        double unit = state.unit(), feed = state.feed();
        String mode = state.motionMode();
        Double nx = null, ny = null, ni = null, nj = null, nr = null;
        NonModal nonModal = NonModal.NONE;
        Matcher m = WORD.matcher(code);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            switch (m.group(1)) {
                case "G" -> {
                    int g = (int) Math.round(value * 10);
                    nonModal = NonModal.of(g, nonModal);
                    if (g == 180 || g == 190 || g == 930) {
                        throw new InvalidInputException("'" + raw.strip() + "': " + (g == 930
                                ? "G93 gives feeds in inverse time, which plotter does not follow; use G94 (units per minute)"
                                : "G" + g / 10 + " selects a plane other than XY, which plotter does not follow; use G17"));
                    }
                    if (g >= 550 && g <= 590 && g % 10 == 0 && firstNewCoordinatesLine == 0) {
                        firstNewCoordinatesLine = lineNumber; // G55 to G59: a work coordinate system the program does not know
                    }
                    switch (g) {
                        case 0 -> mode = "G0";
                        case 10 -> mode = "G1";
                        case 20 -> mode = "G2";
                        case 30 -> mode = "G3";
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
                case "I" -> ni = value;
                case "J" -> nj = value;
                case "R" -> nr = value;
                default -> { }
            }
        }
        switch (nonModal) {
            case SET_WORK_ORIGIN -> throw new InvalidInputException("'" + raw.strip()
                    + "': G10 sets the origin of a work coordinate system, which plotter does not follow; remove it, or use G92");
            case SET_COORDINATES -> {
                // the point stays where it is, and is called (nx, ny) from now on
                offsetX = nx == null ? offsetX : state.x() - nx * unit;
                offsetY = ny == null ? offsetY : state.y() - ny * unit;
                if (firstNewCoordinatesLine == 0 && (nx != null || ny != null)) {
                    firstNewCoordinatesLine = lineNumber;
                }
                return keep(penDown, absolute, unit, mode, feed);
            }
            case CLEAR_COORDINATES -> {
                offsetX = 0;
                offsetY = 0;
                return keep(penDown, absolute, unit, mode, feed);
            }
            case HOME -> {
                // through the intermediate point (a travel), then the named axes, or all, to the origin
                boolean all = nx == null && ny == null;
                state = new State(all || nx != null ? 0 : state.x(), all || ny != null ? 0 : state.y(), penDown, absolute, unit, mode, feed, true, null);
                return state;
            }
            case MACHINE_FRAME -> {
                double x = nx == null ? state.x() : nx * unit, y = ny == null ? state.y() : ny * unit;
                state = new State(x, y, penDown, absolute, unit, mode, feed, nx != null || ny != null, null);
                return state;
            }
            default -> { }
        }
        double x = nx == null ? state.x() : absolute ? offsetX + nx * unit : state.x() + nx * unit;
        double y = ny == null ? state.y() : absolute ? offsetY + ny * unit : state.y() + ny * unit;
        boolean arcMode = mode.equals("G2") || mode.equals("G3");
        Arc arc = null;
        if (arcMode && (nx != null || ny != null || ni != null || nj != null)) {
            arc = arc(state.x(), state.y(), x, y, mode.equals("G2"), ni == null ? null : ni * unit, nj == null ? null : nj * unit,
                    nr == null ? null : nr * unit, raw);
        }
        state = new State(x, y, penDown, absolute, unit, mode, feed, nx != null || ny != null || arc != null, arc);
        return state;
    }

    private State keep(boolean penDown, boolean absolute, double unit, String mode, double feed) {
        state = new State(state.x(), state.y(), penDown, absolute, unit, mode, feed, false, null);
        return state;
    }

    /** The G-codes whose X and Y words are not a move in the program's coordinates. */
    private enum NonModal {
        NONE, SET_COORDINATES, CLEAR_COORDINATES, SET_WORK_ORIGIN, HOME, MACHINE_FRAME;

        static NonModal of(int tenths, NonModal sofar) {
            return switch (tenths) {
                case 920 -> SET_COORDINATES;
                case 921 -> CLEAR_COORDINATES;
                case 100 -> SET_WORK_ORIGIN;
                case 280, 300 -> HOME;
                case 530 -> MACHINE_FRAME;
                default -> sofar;
            };
        }
    }

    /**
     * The circle of a {@code G2}/{@code G3} from (x0, y0) to (x1, y1): its centre at the start plus
     * ({@code i}, {@code j}) (GRBL's default incremental arc centres), or, given radius {@code r}, the centre
     * on the side that makes the shorter arc (a negative radius: the longer), as GRBL computes it.
     */
    private static Arc arc(double x0, double y0, double x1, double y1, boolean clockwise, Double i, Double j, Double r, String raw) {
        if (r == null) {
            return new Arc(x0 + (i == null ? 0 : i), y0 + (j == null ? 0 : j), clockwise);
        }
        double dx = x1 - x0, dy = y1 - y0, d = Math.hypot(dx, dy);
        if (d == 0 || Math.abs(r) < d / 2 - 1e-9) {
            throw new InvalidInputException("'" + raw.strip() + "': an arc of radius " + Math.abs(r)
                    + " mm cannot join points " + String.format(Locale.ROOT, "%.3f", d) + " mm apart");
        }
        double h = Math.sqrt(Math.max(0, r * r - d * d / 4));
        // the centre lies left of the chord for a counter-clockwise short arc, right for a clockwise one
        double side = (clockwise ? -1 : 1) * Math.signum(r);
        return new Arc(x0 + dx / 2 - side * h * dy / d, y0 + dy / 2 + side * h * dx / d, clockwise);
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
