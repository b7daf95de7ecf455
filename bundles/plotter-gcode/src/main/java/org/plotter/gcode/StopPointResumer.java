package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.ProgramResumer;
import org.plotter.api.gcode.Resumption;

/**
 * Finds the line a machine stopped in from where it stopped. Between the lines surely executed and the
 * lines possibly sent, the latest point of the program's path that matches the reported position wins
 * when the machine ran what it had received (it kept power while the host went away); the earliest after
 * the lines surely executed when its queue was thrown away (a reset, a safe stop), since it got no further
 * than the lines it had started. A
 * program pause ({@code M0}) is a barrier: the machine cannot have passed one that the journal does not
 * say was passed. The stopped line, if the machine stopped inside it, is sent again: in absolute
 * positions it finishes from where the machine is, so nothing is drawn twice.
 */
@Component(service = ProgramResumer.class)
public class StopPointResumer implements ProgramResumer {
    /**
     * How far a reported position may be from the program's: GRBL reports positions in whole motor steps
     * (0.0125 mm at 80 steps/mm; 0.05 mm allows 20 steps/mm) and with three decimals.
     */
    static final double POSITION_TOLERANCE_MM = 0.05;

    @Override
    public Resumption resume(GcodeProgram program, FirmwareProfile profile, int executedAtLeast, int sentAtMost, double x, double y) {
        return resume(program, profile, executedAtLeast, sentAtMost, x, y, QueueFate.RAN);
    }

    @Override
    public Resumption resume(GcodeProgram program, FirmwareProfile profile, int executedAtLeast, int sentAtMost, double x, double y,
                             QueueFate fate) {
        List<String> lines = program.lines();
        if (executedAtLeast < 0 || executedAtLeast > sentAtMost || sentAtMost > lines.size()) {
            throw new IllegalArgumentException("executed " + executedAtLeast + ", sent " + sentAtMost + " of " + lines.size());
        }
        ProgramFollower follower = new ProgramFollower(profile);
        List<ProgramFollower.State> after = follower.follow(lines);
        int last = Math.min(sentAtMost, firstPauseFrom(lines, executedAtLeast));
        int newCoordinates = follower.firstNewCoordinatesLine();
        if (newCoordinates > 0 && newCoordinates <= last) {
            throw new InvalidInputException("line " + newCoordinates + " ('" + lines.get(newCoordinates - 1).strip()
                    + "') gives the program coordinates that depend on where the machine was or on offsets stored in it, "
                    + "which a reset forgets or sets aside: a stop after it cannot be resumed; home the machine and plot again");
        }
        boolean latest = fate == QueueFate.RAN;
        for (int k = 0; k <= last - executedAtLeast; k++) {
            int j = latest ? last - k : executedAtLeast + k;
            ProgramFollower.State at = after.get(j);
            if (near(at.x(), at.y(), x, y)) {
                return resumption(lines, profile, after, j, false, x, y);
            }
            // searching forwards, a point at a move's end is that line's end (found next), not the line sent again
            ProgramFollower.State next = j < last ? after.get(j + 1) : null;
            if (next != null && next.moved() && onSegment(at, next, x, y) && (latest || !near(next.x(), next.y(), x, y))) {
                return resumption(lines, profile, after, j, true, x, y);
            }
        }
        throw new InvalidInputException(String.format(Locale.ROOT,
                "the machine is at (%.3f, %.3f) mm, which is not on the program's path between line %d and line %d: "
                        + "it was moved or lost its position; home it and plot again", x, y, executedAtLeast, last));
    }

    /**
     * Holds a line that comes back to a point passed since lines that may still be queued until they have run
     * ({@link StopPointHolds}). A program the follower refuses (G10, other planes) cannot be resumed at all,
     * so it gets none.
     */
    @Override
    public LineHolds holds(GcodeProgram program, FirmwareProfile profile) {
        try {
            return StopPointHolds.of(program.lines(), profile);
        } catch (InvalidInputException notFollowed) {
            return LineHolds.none();
        }
    }

    /** The number of lines before the first program pause at or after line {@code from + 1}. */
    private static int firstPauseFrom(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (ProgramFollower.code(lines.get(i)).matches("M0*[01](\\D.*)?")) {
                return i;
            }
        }
        return lines.size();
    }

    private static Resumption resumption(List<String> lines, FirmwareProfile profile, List<ProgramFollower.State> after, int executed,
                                         boolean partial, double x, double y) {
        ProgramFollower.State at = after.get(executed);
        if (!at.absolute() && partial) {
            throw new InvalidInputException("line " + (executed + 1) + " is a relative move (G91) that the machine stopped inside: "
                    + "it cannot be finished from where the machine is");
        }
        List<String> preamble = new ArrayList<>();
        preamble.add("G21");
        preamble.add("G90");
        preamble.addAll(profile.pen().up());
        preamble.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", x, y));
        if (at.penDown()) {
            preamble.addAll(profile.pen().down());
        }
        if (at.unit() != 1) {
            preamble.add("G20");
        }
        if (!at.absolute()) {
            preamble.add("G91");
        }
        // an arc mode cannot be set without a move: the feed is set with G1, and the first line of the rest names the arc mode
        boolean arcMode = at.motionMode().equals("G2") || at.motionMode().equals("G3");
        String mode = at.motionMode().isEmpty() || arcMode ? "G1" : at.motionMode();
        preamble.add(Double.isNaN(at.feed()) ? mode : mode + String.format(Locale.ROOT, " F%.1f", at.feed()));
        List<String> rest = new ArrayList<>(lines.subList(executed, lines.size()));
        ProgramFollower.State line = partial ? after.get(executed + 1) : null;
        if (line != null && line.arc() != null) {
            rest.set(0, restOfArc(line, x, y));
        } else if (arcMode) {
            naming(rest, at.motionMode());
        }
        return new Resumption(executed, partial, preamble, rest, x, y, at.penDown());
    }

    /**
     * The rest of an arc the machine stopped inside: from where it is to the arc's end around the same centre.
     * Sent again as written, its centre ({@code I}/{@code J} from the start) would be taken from the wrong point.
     */
    private static String restOfArc(ProgramFollower.State arcEnd, double x, double y) {
        ProgramFollower.Arc arc = arcEnd.arc();
        double unit = arcEnd.unit();
        return String.format(Locale.ROOT, "%s X%.4f Y%.4f I%.4f J%.4f", arc.clockwise() ? "G2" : "G3", arcEnd.x() / unit, arcEnd.y() / unit,
                (arc.cx() - x) / unit, (arc.cy() - y) / unit) + (Double.isNaN(arcEnd.feed()) ? "" : String.format(Locale.ROOT, " F%.1f", arcEnd.feed()));
    }

    /** Names {@code mode} on the first line of {@code rest} that moves without naming a motion mode of its own. */
    private static void naming(List<String> rest, String mode) {
        for (int i = 0; i < rest.size(); i++) {
            String code = ProgramFollower.code(rest.get(i));
            if (MOTION_MODE.matcher(code).find()) {
                return; // it names its own
            }
            if (AXIS_WORD.matcher(code).find()) {
                rest.set(i, mode + " " + rest.get(i).strip());
                return;
            }
        }
    }

    private static final Pattern MOTION_MODE = Pattern.compile("G0*[0-3](?![\\d.])");
    private static final Pattern AXIS_WORD = Pattern.compile("[XYIJR]\\s*[-+]?[0-9.]");

    private static boolean near(double ax, double ay, double bx, double by) {
        return Math.hypot(ax - bx, ay - by) <= POSITION_TOLERANCE_MM;
    }

    /** Whether (x, y) lies on the move from {@code from} to {@code to} (a line, or the arc it followed), within the tolerance. */
    private static boolean onSegment(ProgramFollower.State from, ProgramFollower.State to, double x, double y) {
        if (to.arc() != null) {
            return to.arc().passesThrough(from.x(), from.y(), to.x(), to.y(), x, y, POSITION_TOLERANCE_MM);
        }
        double dx = to.x() - from.x(), dy = to.y() - from.y();
        double length2 = dx * dx + dy * dy;
        if (length2 == 0) {
            return false;
        }
        double t = Math.max(0, Math.min(1, ((x - from.x()) * dx + (y - from.y()) * dy) / length2));
        return near(from.x() + t * dx, from.y() + t * dy, x, y);
    }
}
