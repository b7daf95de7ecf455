package org.plotter.driver.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The subset of G-code a pen plotter uses, with GRBL's modal state and error numbers: G0/G1 motion,
 * G4 dwell, G20/G21 units, G90/G91 distance mode, M0 program pause (M1 ignored, as GRBL does), M3/M4/M5 spindle (servo PWM), M2/M30, F, S, P, N;
 * and, as GRBL 1.1 runs them, G92/G92.1 coordinate offsets, G28/G30 (through the intermediate point, then
 * the named axes, or all, to the stored position, here the machine's origin) and G53 moves in machine
 * coordinates. Positions are the machine's; there are no work coordinate systems (G54's is zero).
 * Anything else is rejected with error:20, as GRBL does with unsupported commands.
 */
final class GcodeInterpreter {
    private static final double MM_PER_INCH = 25.4;

    /** A line's outcome: an error number (0 for none), whether it hit a soft limit, and the blocks to run. */
    record Result(int error, boolean softLimit, List<MotionSimulator.Block> blocks) {
        static Result error(int code) {
            return new Result(code, false, List.of());
        }
    }

    private final MachineSettings settings;
    /** The machine position the parser has reached, and G92's offset from it to the program's coordinates. */
    private double x, y, z;
    private volatile double offsetX, offsetY, offsetZ;
    /** How often the offset changed: GRBL reports the work offset with the next status after a change. */
    private volatile long offsetChanges;
    private double feed; // mm/min; 0 until set
    private boolean rapid = true;
    private boolean absolute = true;
    private boolean inches;

    /** Seconds per unit of a dwell's P: GRBL's are seconds, Marlin's milliseconds. */
    private final double dwellSecondsPerUnit;

    GcodeInterpreter(MachineSettings settings) {
        this(settings, 1);
    }

    GcodeInterpreter(MachineSettings settings, double dwellSecondsPerUnit) {
        this.settings = settings;
        this.dwellSecondsPerUnit = dwellSecondsPerUnit;
    }

    /** Back to where the machine is (after a reset, or leaving check mode, the parser's position is the machine's). */
    void moveTo(double[] position) {
        x = position[0];
        y = position[1];
        z = position[2];
    }

    /**
     * A soft reset: GRBL's parser starts afresh (G0, G21, G90, no feed) and forgets the G92 offset; the
     * position is where the machine is.
     */
    void reset(double[] position) {
        moveTo(position);
        feed = 0;
        rapid = true;
        absolute = true;
        inches = false;
        if (offsetX != 0 || offsetY != 0 || offsetZ != 0) {
            offsetX = offsetY = offsetZ = 0;
            offsetChanges++;
        }
    }

    /** The work offset (G92's; no coordinate system is set) in mm, x, y, z. */
    double[] workOffset() {
        return new double[] {offsetX, offsetY, offsetZ};
    }

    long offsetChanges() {
        return offsetChanges;
    }

    Result interpret(String line) {
        String code = stripComments(line).replace(" ", "").toUpperCase(Locale.ROOT);
        Double gx = null, gy = null, gz = null, f = null, s = null, p = null;
        boolean dwell = false, spindleOff = false, spindleOn = false, pause = false;
        int nonModal = 0; // G92, G92.1, G28, G30, G53 in tenths
        Boolean motion = null;
        int i = 0;
        while (i < code.length()) {
            char letter = code.charAt(i++);
            if (letter < 'A' || letter > 'Z') {
                return Result.error(1);
            }
            int start = i;
            while (i < code.length() && (Character.isDigit(code.charAt(i)) || code.charAt(i) == '.'
                    || ((code.charAt(i) == '-' || code.charAt(i) == '+') && i == start))) {
                i++;
            }
            double value;
            try {
                value = Double.parseDouble(code.substring(start, i));
            } catch (NumberFormatException e) {
                return Result.error(2);
            }
            switch (letter) {
                case 'G' -> {
                    switch ((int) Math.round(value * 10)) {
                        case 0 -> motion = true;
                        case 10 -> motion = false;
                        case 40 -> dwell = true;
                        case 200 -> inches = true;
                        case 210 -> inches = false;
                        case 900 -> absolute = true;
                        case 910 -> absolute = false;
                        case 170, 940 -> { } // XY plane, units per minute: GRBL's defaults
                        case 920, 921, 280, 300, 530 -> nonModal = (int) Math.round(value * 10);
                        default -> {
                            return Result.error(20);
                        }
                    }
                }
                case 'M' -> {
                    switch ((int) Math.round(value)) {
                        case 3, 4 -> spindleOn = true;
                        case 5 -> spindleOff = true;
                        case 0 -> pause = true; // program pause
                        case 1 -> { } // optional stop: GRBL 1.1 ignores it
                        case 2, 30 -> { } // program end: nothing to reset on a plotter
                        default -> {
                            return Result.error(20);
                        }
                    }
                }
                case 'X' -> gx = value;
                case 'Y' -> gy = value;
                case 'Z' -> gz = value;
                case 'F' -> f = value;
                case 'S' -> s = value;
                case 'P' -> p = value;
                case 'N' -> { }
                default -> {
                    return Result.error(20);
                }
            }
        }
        List<MotionSimulator.Block> blocks = new ArrayList<>();
        double unit = inches ? MM_PER_INCH : 1;
        if (f != null) {
            if (f < 0) {
                return Result.error(4);
            }
            feed = f * unit;
        }
        if (spindleOn || spindleOff || s != null) {
            double power = spindleOff ? 0 : (s == null ? 0 : s);
            if (power < 0) {
                return Result.error(4);
            }
            blocks.add(new MotionSimulator.Spindle(spindleOn || (!spindleOff && power > 0) ? power : 0));
        }
        if (dwell) {
            if (p == null) {
                return Result.error(28);
            }
            blocks.add(new MotionSimulator.Dwell(p * dwellSecondsPerUnit));
        }
        if (motion != null) {
            rapid = motion;
        }
        boolean axisWords = gx != null || gy != null || gz != null;
        if (axisWords && (nonModal == 0 || nonModal == 530) && !rapid && feed <= 0) {
            return Result.error(22);
        }
        switch (nonModal) {
            case 920 -> {
                if (!axisWords) {
                    return Result.error(26); // G92 needs an axis word
                }
                // the machine stays; the program calls where it is (gx, gy, gz) from now on
                offsetX = gx == null ? offsetX : x - gx * unit;
                offsetY = gy == null ? offsetY : y - gy * unit;
                offsetZ = gz == null ? offsetZ : z - gz * unit;
                offsetChanges++;
            }
            case 921 -> {
                offsetX = offsetY = offsetZ = 0;
                offsetChanges++;
            }
            case 280, 300 -> {
                if (axisWords && !queueMove(target(x, gx, unit, offsetX), target(y, gy, unit, offsetY), target(z, gz, unit, offsetZ), true, blocks)) {
                    return new Result(0, true, List.of());
                }
                // the stored position (G28.1/G30.1 are not kept here: the origin) for the named axes, or all
                boolean all = !axisWords;
                queueMove(all || gx != null ? 0 : x, all || gy != null ? 0 : y, all || gz != null ? 0 : z, true, blocks);
            }
            case 530 -> {
                if (axisWords && !queueMove(gx == null ? x : gx * unit, gy == null ? y : gy * unit, gz == null ? z : gz * unit, rapid, blocks)) {
                    return new Result(0, true, List.of());
                }
            }
            default -> {
                if (axisWords && !queueMove(target(x, gx, unit, offsetX), target(y, gy, unit, offsetY), target(z, gz, unit, offsetZ), rapid, blocks)) {
                    return new Result(0, true, List.of());
                }
            }
        }
        if (pause) {
            blocks.add(new MotionSimulator.ProgramPause()); // after the line's motion, as GRBL orders it
        }
        return new Result(0, false, blocks);
    }

    /** Where an axis word sends the machine: through the distance mode and, when absolute, G92's offset. */
    private double target(double current, Double word, double unit, double offset) {
        if (word == null) {
            return current;
        }
        return absolute ? offset + word * unit : current + word * unit;
    }

    /** Queues a move to the machine position (tx, ty, tz); false, queuing nothing, if it leaves the travel (soft limit). */
    private boolean queueMove(double tx, double ty, double tz, boolean rapidMove, List<MotionSimulator.Block> blocks) {
        if (tx < 0 || ty < 0 || tx > settings.travelX() || ty > settings.travelY()
                || tz < settings.travelZMin() || tz > settings.travelZMax()) {
            return false;
        }
        x = tx;
        y = ty;
        z = tz;
        blocks.add(new MotionSimulator.Linear(tx, ty, tz, rapidMove ? settings.maxRate() : feed, rapidMove));
        return true;
    }

    private static String stripComments(String line) {
        StringBuilder out = new StringBuilder();
        boolean inParens = false;
        for (char c : line.toCharArray()) {
            if (c == ';' && !inParens) {
                break;
            }
            if (c == '(') {
                inParens = true;
            } else if (c == ')') {
                inParens = false;
            } else if (!inParens) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
