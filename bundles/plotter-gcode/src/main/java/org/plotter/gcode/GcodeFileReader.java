package org.plotter.gcode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.ProgramReader;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Follows a program as the machine would: positions through {@code G20}/{@code G21} and
 * {@code G90}/{@code G91}, the pen down after a line that is one of the profile's pen-down commands and up
 * after a pen-up one (for a pen on Z, a Z below the middle of its up and down heights is down), so that
 * pen-down moves are strokes and the rest travel.
 */
@Component(service = ProgramReader.class)
public class GcodeFileReader implements ProgramReader {
    private static final Pattern WORD = Pattern.compile("([A-Z])\\s*([-+]?[0-9]*\\.?[0-9]+)");
    private static final Pattern Z_WORD = Pattern.compile("(?i)Z\\s*([-+]?[0-9]*\\.?[0-9]+)");
    /** Rounding in a file's last digit may not refuse a move that touches the edge of the work area. */
    private static final double TOLERANCE_MM = 0.001;

    @Override
    public GcodeProgram read(List<String> lines, FirmwareProfile profile) {
        List<String> down = normalised(profile.pen().down()), up = normalised(profile.pen().up());
        Double zThreshold = zThreshold(profile);
        List<Polyline> paths = new ArrayList<>();
        List<Point> current = new ArrayList<>(List.of(new Point(0, 0)));
        boolean penDown = false, absolute = true;
        double x = 0, y = 0, unit = 1;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            requireStreamable(raw, i + 1, profile);
            String code = raw.replaceAll("\\(.*?\\)|;.*", "").strip().toUpperCase(Locale.ROOT);
            boolean wasDown = penDown;
            if (down.contains(normalise(code))) {
                penDown = true;
            } else if (up.contains(normalise(code))) {
                penDown = false;
            } else if (zThreshold != null) {
                Matcher z = Z_WORD.matcher(code);
                if (z.find()) {
                    penDown = Double.parseDouble(z.group(1)) * unit < zThreshold;
                }
            }
            if (penDown != wasDown) {
                current = finish(paths, current, wasDown);
            }
            if (code.startsWith("$")) {
                continue;
            }
            Double nx = null, ny = null;
            Matcher m = WORD.matcher(code);
            while (m.find()) {
                double value = Double.parseDouble(m.group(2));
                switch (m.group(1)) {
                    case "G" -> {
                        switch ((int) Math.round(value * 10)) {
                            case 200 -> unit = 25.4;
                            case 210 -> unit = 1;
                            case 900 -> absolute = true;
                            case 910 -> absolute = false;
                            default -> { }
                        }
                    }
                    case "X" -> nx = value;
                    case "Y" -> ny = value;
                    default -> { }
                }
            }
            if (nx == null && ny == null) {
                continue;
            }
            x = nx == null ? x : absolute ? nx * unit : x + nx * unit;
            y = ny == null ? y : absolute ? ny * unit : y + ny * unit;
            FirmwareProfile.WorkArea area = profile.workArea();
            if (x < -TOLERANCE_MM || y < -TOLERANCE_MM || x > area.width() + TOLERANCE_MM || y > area.height() + TOLERANCE_MM) {
                throw new InvalidInputException(String.format(Locale.ROOT, "line %d '%s' moves to (%.3f, %.3f) mm, outside the %.0f x %.0f mm work area of %s",
                        i + 1, raw.strip(), x, y, area.width(), area.height(), profile.id()));
            }
            current.add(new Point(x, y));
        }
        finish(paths, current, penDown);
        Drawing machine = new Drawing(profile.workArea().width(), profile.workArea().height(), paths);
        return new GcodeProgram(lines, machine, GcodeEmitter.statistics(machine, lines, profile));
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
        int bytes = line.length() + 1;
        if (bytes > profile.protocol().rxBufferBytes()) {
            throw new InvalidInputException("line " + number + " is " + bytes + " bytes with its newline, more than the "
                    + profile.protocol().rxBufferBytes() + "-byte receive buffer of " + profile.id() + " (strip its comments?)");
        }
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
