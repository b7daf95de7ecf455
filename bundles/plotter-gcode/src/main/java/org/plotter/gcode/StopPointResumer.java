package org.plotter.gcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
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
        List<ProgramFollower.State> after = trace(lines, profile);
        int last = Math.min(sentAtMost, firstPauseFrom(lines, executedAtLeast));
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

    /** The state before the first line ({@code [0]}) and after each line. */
    private static List<ProgramFollower.State> trace(List<String> lines, FirmwareProfile profile) {
        ProgramFollower follower = new ProgramFollower(profile);
        List<ProgramFollower.State> after = new ArrayList<>(lines.size() + 1);
        after.add(follower.state());
        for (String line : lines) {
            after.add(follower.step(line));
        }
        return after;
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
        String mode = at.motionMode().isEmpty() ? "G1" : at.motionMode();
        preamble.add(Double.isNaN(at.feed()) ? mode : mode + String.format(Locale.ROOT, " F%.1f", at.feed()));
        return new Resumption(executed, partial, preamble, lines.subList(executed, lines.size()), x, y, at.penDown());
    }

    private static boolean near(double ax, double ay, double bx, double by) {
        return Math.hypot(ax - bx, ay - by) <= POSITION_TOLERANCE_MM;
    }

    /** Whether (x, y) lies on the move from {@code from} to {@code to}, within the tolerance. */
    private static boolean onSegment(ProgramFollower.State from, ProgramFollower.State to, double x, double y) {
        double dx = to.x() - from.x(), dy = to.y() - from.y();
        double length2 = dx * dx + dy * dy;
        if (length2 == 0) {
            return false;
        }
        double t = Math.max(0, Math.min(1, ((x - from.x()) * dx + (y - from.y()) * dy) / length2));
        return near(from.x() + t * dx, from.y() + t * dy, x, y);
    }
}
