package org.plotter.gcode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.gcode.motion.GrblMotionModel;

/**
 * How long a program takes on the machine, by GRBL's motion model: the program's moves become planner
 * blocks; a dwell or a spindle/servo command ({@code M…}) makes GRBL wait for the planner to empty, so
 * the machine stops there, as it does on the real controller. The planner is assumed full (the streamer
 * keeps it so).
 */
final class MotionEstimate {
    /** GRBL on an ATmega328p plans over 16 blocks, 15 of them usable. */
    static final int PLANNER_BLOCKS = 15;

    private MotionEstimate() {}

    static GrblMotionModel model(FirmwareProfile profile) {
        FirmwareProfile.Motion m = profile.motion();
        return new GrblMotionModel(m.acceleration(), m.travelFeed(), m.junctionDeviation(), PLANNER_BLOCKS);
    }

    static Duration of(List<String> lines, FirmwareProfile profile) {
        GrblMotionModel model = model(profile);
        double seconds = 0;
        double[] position = {0, 0, 0};
        double unit = profile.dialect().lengthUnit() == GcodeDialect.LengthUnit.INCHES ? 25.4 : 1;
        double feed = 0;
        boolean rapid = true, absolute = true;
        List<GrblMotionModel.Block> run = new ArrayList<>(); // blocks since the last synchronising command
        ProgramFollower follower = new ProgramFollower(profile); // for arcs, which GRBL too runs as short lines
        for (String raw : lines) {
            ProgramFollower.State before = follower.state(), after = follower.step(raw);
            String line = GcodeProgram.withoutComments(raw).replace(" ", "").toUpperCase(Locale.ROOT);
            Double x = null, y = null, z = null, p = null;
            boolean dwell = false, synchronise = false;
            for (int i = 0; i < line.length(); ) {
                char letter = line.charAt(i++);
                int start = i;
                while (i < line.length() && (Character.isDigit(line.charAt(i)) || line.charAt(i) == '.' || line.charAt(i) == '-')) {
                    i++;
                }
                double value = start == i ? 0 : Double.parseDouble(line.substring(start, i));
                switch (letter) {
                    case 'G' -> {
                        int g = (int) Math.round(value * 10);
                        switch (g) {
                            case 0 -> rapid = true;
                            case 10, 20, 30 -> rapid = false;
                            case 40 -> dwell = true;
                            case 200 -> unit = 25.4;
                            case 210 -> unit = 1;
                            case 900 -> absolute = true;
                            case 910 -> absolute = false;
                            default -> { }
                        }
                    }
                    case 'M', 'S' -> synchronise = true; // spindle/servo changes wait for the planner to empty
                    case 'X' -> x = value;
                    case 'Y' -> y = value;
                    case 'Z' -> z = value;
                    case 'F' -> feed = value * unit;
                    case 'P' -> p = value;
                    default -> { }
                }
            }
            if (dwell || synchronise) {
                seconds += drain(model, run);
                if (dwell && p != null) {
                    seconds += profile.dialect().dwellUnit() == GcodeDialect.DwellUnit.SECONDS ? p : p / 1000.0;
                }
            }
            if (after.arc() != null) {
                for (double[] point : after.arc().points(before.x(), before.y(), after.x(), after.y())) {
                    double[] target = {point[0], point[1], position[2]};
                    GrblMotionModel.Block block = model.block(position, target, feed, false);
                    if (block != null) {
                        run.add(block);
                    }
                    position = target;
                }
            } else if (x != null || y != null || z != null) {
                double[] target = {
                    x == null ? position[0] : (absolute ? 0 : position[0]) + x * unit,
                    y == null ? position[1] : (absolute ? 0 : position[1]) + y * unit,
                    z == null ? position[2] : (absolute ? 0 : position[2]) + z * unit};
                GrblMotionModel.Block block = model.block(position, target, feed, rapid);
                if (block != null) {
                    run.add(block);
                }
                position = target;
            }
        }
        seconds += drain(model, run);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Runs the queued blocks to a stop, as GRBL does before a synchronising command; returns their time. */
    private static double drain(GrblMotionModel model, List<GrblMotionModel.Block> run) {
        double seconds = 0;
        double[] junctions = new double[Math.max(0, run.size() - 1)];
        for (int i = 0; i + 1 < run.size(); i++) {
            junctions[i] = model.junctionSpeedSquared(run.get(i), run.get(i + 1));
        }
        double entry = 0;
        for (int i = 0; i < run.size(); i++) {
            double exit = model.plannedExitSquared(run, junctions, i, entry);
            seconds += GrblMotionModel.seconds(run.get(i), entry, exit);
            entry = exit;
        }
        run.clear();
        return seconds;
    }
}
