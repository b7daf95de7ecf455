package org.plotter.gcode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.ProgramReader;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Reads a G-code file as the machine would follow it ({@link ProgramFollower}): pen-down moves are
 * strokes and the rest travel; a line that is not ASCII, too long for the receive buffer or leaves the
 * work area is refused with its number.
 */
@Component(service = ProgramReader.class)
public class GcodeFileReader implements ProgramReader {
    /** Rounding in a file's last digit may not refuse a move that touches the edge of the work area. */
    private static final double TOLERANCE_MM = 0.001;

    @Override
    public GcodeProgram read(List<String> lines, FirmwareProfile profile) {
        ProgramFollower follower = new ProgramFollower(profile);
        List<Polyline> paths = new ArrayList<>();
        List<Point> current = new ArrayList<>(List.of(new Point(0, 0)));
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            requireStreamable(raw, i + 1, profile);
            ProgramFollower.State before = follower.state();
            ProgramFollower.State after = follower.step(raw);
            if (after.penDown() != before.penDown()) {
                current = finish(paths, current, before.penDown());
            }
            if (!after.moved()) {
                continue;
            }
            // an arc is followed as chords close to its circle: the drawing, its length and its reach are the arc's
            for (double[] p : after.pathFrom(before)) {
                FirmwareProfile.WorkArea area = profile.workArea();
                if (p[0] < -TOLERANCE_MM || p[1] < -TOLERANCE_MM || p[0] > area.width() + TOLERANCE_MM || p[1] > area.height() + TOLERANCE_MM) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "line %d '%s' moves to (%.3f, %.3f) mm, outside the %.0f x %.0f mm work area of %s",
                            i + 1, raw.strip(), p[0], p[1], area.width(), area.height(), profile.id()));
                }
                current.add(new Point(p[0], p[1]));
            }
        }
        finish(paths, current, follower.state().penDown());
        Drawing machine = new Drawing(profile.workArea().width(), profile.workArea().height(), paths);
        return new GcodeProgram(lines, machine, GcodeEmitter.statistics(machine, lines, profile));
    }

    @Override
    public double[] drawnAfterLines(List<String> lines, FirmwareProfile profile) {
        ProgramFollower follower = new ProgramFollower(profile);
        double[] drawn = new double[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++) {
            ProgramFollower.State before = follower.state(), after = follower.step(lines.get(i));
            boolean inked = after.moved() && before.penDown() && after.penDown();
            drawn[i + 1] = drawn[i] + (inked ? after.lengthFrom(before) : 0);
        }
        return drawn;
    }

    /** Closes the path drawn so far (if it moved) and starts the next at its end. */
    private static List<Point> finish(List<Polyline> paths, List<Point> current, boolean penDown) {
        Point last = current.get(current.size() - 1);
        if (current.size() > 1) {
            paths.add(new Polyline(current, penDown));
        }
        return new ArrayList<>(List.of(last));
    }

    private static void requireStreamable(String line, int number, FirmwareProfile profile) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(line)) {
            throw new InvalidInputException("line " + number + " is not plain ASCII G-code: " + line.strip());
        }
        // the drivers send a line without its comments
        int bytes = GcodeProgram.withoutComments(line).length() + 1;
        if (bytes > profile.protocol().rxBufferBytes()) {
            throw new InvalidInputException("line " + number + " is " + bytes + " bytes without its comments and with its newline, more than the "
                    + profile.protocol().rxBufferBytes() + "-byte receive buffer of " + profile.id());
        }
    }
}
