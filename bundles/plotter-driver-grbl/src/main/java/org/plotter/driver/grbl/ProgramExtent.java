package org.plotter.driver.grbl;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.gcode.GcodeProgram;

/**
 * How far a program moves and how fast it asks to: the range of X and Y it visits (in mm, through
 * {@code G20}/{@code G21} and {@code G90}/{@code G91}) and its fastest {@code F}, each with the 1-based
 * line where the extreme is first reached. Positions are relative to where the program starts; a {@code G92}
 * renames the point the machine is at without moving it, and the X and Y of {@code G10}, {@code G28},
 * {@code G30} and {@code G53} are not positions in the program's coordinates, so they are not counted
 * (the file reader refuses G10, whose origins it cannot follow).
 */
record ProgramExtent(double minX, double maxX, double minY, double maxY, int widestXLine, int widestYLine,
                     double maxFeed, int maxFeedLine) {
    private static final Pattern WORD = Pattern.compile("([A-Z])\\s*([-+]?[0-9]*\\.?[0-9]+)");

    double width() {
        return maxX - minX;
    }

    double height() {
        return maxY - minY;
    }

    static ProgramExtent of(List<String> lines) {
        double x = 0, y = 0, unit = 1, offsetX = 0, offsetY = 0;
        boolean absolute = true;
        double minX = 0, maxX = 0, minY = 0, maxY = 0, maxFeed = 0;
        int widestX = 0, widestY = 0, feedLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String code = GcodeProgram.withoutComments(lines.get(i)).toUpperCase(Locale.ROOT);
            if (code.startsWith("$")) {
                continue; // system commands carry no coordinates
            }
            Double nx = null, ny = null;
            boolean renames = false, notInProgramCoordinates = false;
            Matcher m = WORD.matcher(code);
            while (m.find()) {
                double value = Double.parseDouble(m.group(2));
                switch (m.group(1)) {
                    case "G" -> {
                        switch ((int) Math.round(value * 10)) {
                            case 920 -> renames = true;
                            case 921 -> {
                                offsetX = 0;
                                offsetY = 0;
                            }
                            case 100, 280, 300, 530 -> notInProgramCoordinates = true;
                            case 200 -> unit = 25.4;
                            case 210 -> unit = 1;
                            case 900 -> absolute = true;
                            case 910 -> absolute = false;
                            default -> { }
                        }
                    }
                    case "X" -> nx = value;
                    case "Y" -> ny = value;
                    case "F" -> {
                        if (value * unit > maxFeed) {
                            maxFeed = value * unit;
                            feedLine = i + 1;
                        }
                    }
                    default -> { }
                }
            }
            if (renames) {
                offsetX = nx == null ? offsetX : x - nx * unit;
                offsetY = ny == null ? offsetY : y - ny * unit;
                continue;
            }
            if (notInProgramCoordinates) {
                continue;
            }
            if (nx != null) {
                x = absolute ? offsetX + nx * unit : x + nx * unit;
            }
            if (ny != null) {
                y = absolute ? offsetY + ny * unit : y + ny * unit;
            }
            if (x < minX || x > maxX) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                widestX = i + 1;
            }
            if (y < minY || y > maxY) {
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                widestY = i + 1;
            }
        }
        return new ProgramExtent(minX, maxX, minY, maxY, widestX, widestY, maxFeed, feedLine);
    }
}
