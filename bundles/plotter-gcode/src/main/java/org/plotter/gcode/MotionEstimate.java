package org.plotter.gcode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
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
        List<GrblMotionModel.Block> run = new ArrayList<>(); // blocks since the last synchronising command
        // X and Y as the machine follows them (units, distance mode, arcs, G92, homing); Z, dwells and
        // spindle/servo commands are read here
        ProgramFollower follower = new ProgramFollower(profile);
        for (String raw : lines) {
            ProgramFollower.State before = follower.state(), after = follower.step(raw);
            Matcher words = ProgramFollower.WORD.matcher(ProgramFollower.code(raw));
            Double z = null, p = null;
            boolean dwell = false, synchronise = false;
            while (words.find()) {
                double value = Double.parseDouble(words.group(2));
                switch (words.group(1)) {
                    case "G" -> dwell |= Math.round(value * 10) == 40;
                    case "M", "S" -> synchronise = true; // spindle/servo changes wait for the planner to empty
                    case "Z" -> z = value;
                    case "P" -> p = value;
                    default -> { }
                }
            }
            if (dwell || synchronise) {
                seconds += drain(model, run);
                if (dwell && p != null) {
                    seconds += profile.dialect().dwellUnit() == GcodeDialect.DwellUnit.SECONDS ? p : p / 1000.0;
                }
            }
            double feed = Double.isNaN(after.feed()) ? 0 : after.feed() * after.unit();
            boolean rapid = after.motionMode().isEmpty() || after.motionMode().equals("G0");
            double targetZ = z == null ? position[2] : (after.absolute() ? 0 : position[2]) + z * after.unit();
            if (after.arc() != null) {
                // GRBL too runs an arc as short lines along it
                for (double[] point : after.pathFrom(before)) {
                    position = queue(model, run, position, new double[] {point[0], point[1], position[2]}, feed, false);
                }
            } else if (after.moved() || z != null) {
                position = queue(model, run, position, new double[] {after.x(), after.y(), targetZ}, feed, rapid);
            }
        }
        seconds += drain(model, run);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Queues the move from {@code from} to {@code to} (none if they coincide); returns where it ends. */
    private static double[] queue(GrblMotionModel model, List<GrblMotionModel.Block> run, double[] from, double[] to, double feed,
                                  boolean rapid) {
        GrblMotionModel.Block block = model.block(from, to, feed, rapid);
        if (block != null) {
            run.add(block);
        }
        return to;
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
