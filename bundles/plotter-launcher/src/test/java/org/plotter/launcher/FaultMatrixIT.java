package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.sim.VirtualDevice;

/**
 * The fault matrix: plots streamed through the command line ({@code plotter stream}, in this JVM, with its
 * journal and reconnection) over a real pseudo-terminal to a simulated GRBL or Marlin that injects faults at
 * random lines (fixed seed): garbage, broken lines, late and lost answers, resets, hangs, pulled cables,
 * corrupted lines and stray resend requests. A plot that stops is continued with {@code plotter resume}, as
 * its owner would. Then every program line that draws is measured on what the machine executed: drawn
 * exactly once, or counted as lost or duplicated. Both counts must be 0.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class FaultMatrixIT {
    /** Which lines get which faults; {@code -Dfaults.seed} draws another matrix. */
    private static final long SEED = Long.getLong("faults.seed", 20261201L);
    private static final int JOBS_PER_PROTOCOL = Integer.getInteger("faults.jobs", 25);
    private static final int FAULTS_PER_JOB = 4;
    private static final int SQUARES = 12;
    /** Simulated time against the wall clock: fast enough for 200 faults in minutes, slow enough that the planner stays fed. */
    private static final int SPEED = Integer.getInteger("faults.speed", 4);
    /** Positions go out at 0.001 mm and come back in whole steps. */
    private static final double ON_LINE_MM = 0.02;
    private static final double LENGTH_SLACK_MM = 0.05;
    private static final int MOST_RESUMES = 3;
    private static final Pattern RESUME = Pattern.compile("'plotter resume (\\S+)'");

    /** What a protocol's simulator can do wrong, the profile it is plotted with, and how its pen moves. */
    private record Machine(String firmware, String profile, List<String> faults, String penUp, String penDown) {}

    private static final List<Machine> MACHINES = List.of(
            new Machine("grbl", "grbl-servo", List.of("garbage", "partial", "lateok", "lostok", "reset", "stall", "unplug", "cut"),
                    "M3 S0", "M3 S30"),
            new Machine("marlin", "marlin-z", List.of("lostok", "lateok", "garbage", "partial", "checksum", "resendold", "resendnew", "busy",
                    "stall", "unplug", "cut"), "G0 Z3 F1200", "G1 Z-0.5 F1200"));

    @TempDir
    Path work;

    private static final class Tally {
        final Map<String, Integer> faults = new TreeMap<>();
        int jobs, untouched, continuedInRun, resumed, unlocked, linesLost, linesDuplicated;
        double foreignMm;
        final List<String> problems = new ArrayList<>();

        /** Noted for the end, and said at once: a run cut short by its timeout still shows what went wrong. */
        void problem(String what) {
            problems.add(what);
            System.out.println("fault matrix problem: " + what);
        }
    }

    @Test
    void twoHundredInjectedFaultsLoseAndDuplicateNoLine() throws Exception {
        TestHome.config();
        System.setProperty("plotter.jobs", work.resolve("jobs").toString());
        Random random = new Random(SEED);
        Map<String, Tally> tallies = new TreeMap<>();
        for (Machine machine : MACHINES) {
            Path profile = quickProfile(machine.profile());
            List<String> program = squares(machine);
            Path file = Files.write(work.resolve(machine.firmware() + ".gcode"), program);
            Tally tally = tallies.computeIfAbsent(machine.firmware(), k -> new Tally());
            String only = System.getProperty("faults.only", ""); // firmware:KIND@N/KIND@N, to look again at one job
            if (!only.isEmpty()) {
                if (only.startsWith(machine.firmware() + ":")) {
                    String faults = only.substring(only.indexOf(':') + 1);
                    for (String fault : faults.split("/")) {
                        tally.faults.merge(fault.substring(0, fault.indexOf('@')), 1, Integer::sum);
                    }
                    plot(machine, profile, file, faults, 0, tally);
                }
                continue;
            }
            for (int job = 0; job < JOBS_PER_PROTOCOL; job++) {
                List<String> faults = new ArrayList<>();
                TreeSet<Integer> at = new TreeSet<>();
                while (at.size() < FAULTS_PER_JOB) {
                    at.add(3 + random.nextInt(program.size() - 3));
                }
                for (int line : at) {
                    String kind = machine.faults().get(random.nextInt(machine.faults().size()));
                    faults.add(kind + "@" + line);
                    tally.faults.merge(kind, 1, Integer::sum);
                }
                plot(machine, profile, file, String.join("/", faults), job, tally);
            }
        }
        int injected = 0, lost = 0, duplicated = 0;
        for (var entry : tallies.entrySet()) {
            Tally t = entry.getValue();
            int n = t.faults.values().stream().mapToInt(Integer::intValue).sum();
            injected += n;
            lost += t.linesLost;
            duplicated += t.linesDuplicated;
            System.out.printf(Locale.ROOT, "fault matrix %s (seed %d): %d jobs, %d faults %s; %d completed untouched, %d continued in the run (reconnect or"
                            + " same connection), %d needed 'plotter resume' (%d after 'plotter unlock'); lines lost %d, duplicated %d, foreign ink %.3f mm%n",
                    entry.getKey(), SEED, t.jobs, n, t.faults, t.untouched, t.continuedInRun, t.resumed, t.unlocked, t.linesLost, t.linesDuplicated, t.foreignMm);
            t.problems.forEach(p -> System.out.println("  " + p));
        }
        List<String> problems = tallies.values().stream().flatMap(t -> t.problems.stream()).toList();
        assertTrue(injected >= 200 || JOBS_PER_PROTOCOL < 25 || !System.getProperty("faults.only", "").isEmpty(), "faults injected: " + injected);
        assertEquals(0, lost, "lines lost: " + problems);
        assertEquals(0, duplicated, "lines duplicated: " + problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private void plot(Machine machine, Path profile, Path file, String faults, int job, Tally tally) throws Exception {
        Path tty = work.resolve("tty" + machine.firmware() + job);
        String sim = "sim:speed=" + SPEED + ",firmware=" + machine.firmware() + ",fault=" + faults;
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(tty, sim)) {
            PlotterCliTest.Run run = PlotterCliTest.plotter("stream", file.toString(), "--port", tty.toString(), "--profile", profile.toString(),
                    "--yes", "--reconnect-for", "20s", "--out", work.resolve("out").toString());
            String said = run.err();
            tally.jobs++;
            if (said.contains("continued after")) {
                tally.continuedInRun++;
            }
            int resumes = 0;
            while (run.exit() != 0 && resumes < MOST_RESUMES) {
                Matcher id = RESUME.matcher(run.err());
                if (!id.find()) {
                    break;
                }
                resumes++;
                if (run.err().contains("alarm state")) {
                    // as the message says: the owner checks the machine, unlocks it, and resumes
                    PlotterCliTest.Run unlock = PlotterCliTest.plotter("unlock", "--port", tty.toString(), "--profile", profile.toString());
                    said += "[unlock: exit " + unlock.exit() + "]\n";
                    tally.unlocked++;
                }
                run = PlotterCliTest.plotter("resume", id.group(1), "--yes", "--reconnect-for", "20s");
                said += run.err();
            }
            if (resumes > 0) {
                tally.resumed++;
            } else if (!said.contains("continued after")) {
                tally.untouched++;
            }
            String where = machine.firmware() + " job " + job + " (" + faults + ")";
            if (run.exit() != 0) {
                tally.problem(where + ": did not complete\n    " + said.replace("\n", "\n    "));
            }
            measure(device, where, said, tally);
        }
    }

    /** Every drawing line of the program against what the machine drew: once, or lost, or duplicated. */
    private static void measure(VirtualDevice device, String where, String said, Tally tally) {
        List<Point[]> wanted = squareSegments();
        double[] covered = new double[wanted.size()];
        List<String> wrong = new ArrayList<>();
        for (Polyline stroke : device.machine().executionRecord().orElseThrow().motion().paths()) {
            if (!stroke.penDown()) {
                continue;
            }
            for (int i = 1; i < stroke.points().size(); i++) {
                Point a = stroke.points().get(i - 1), b = stroke.points().get(i);
                double length = a.distanceTo(b), onProgram = 0;
                for (int s = 0; s < wanted.size(); s++) {
                    double overlap = overlap(a, b, wanted.get(s)[0], wanted.get(s)[1]);
                    covered[s] += overlap;
                    onProgram += overlap;
                }
                tally.foreignMm += Math.max(0, length - onProgram - 1e-6);
                if (length - onProgram > LENGTH_SLACK_MM) {
                    wrong.add("drew " + a + "-" + b + " off the program's path");
                }
            }
        }
        for (int s = 0; s < wanted.size(); s++) {
            double length = wanted.get(s)[0].distanceTo(wanted.get(s)[1]);
            if (covered[s] < length - LENGTH_SLACK_MM) {
                tally.linesLost++;
                wrong.add(String.format(Locale.ROOT, "segment %d drawn %.2f of %.2f mm", s, covered[s], length));
            } else if (covered[s] > length + LENGTH_SLACK_MM) {
                tally.linesDuplicated++;
                wrong.add(String.format(Locale.ROOT, "segment %d drawn %.2f mm of %.2f: twice", s, covered[s], length));
            }
        }
        if (!wrong.isEmpty()) {
            StringBuilder motion = new StringBuilder();
            for (Polyline path : device.machine().executionRecord().orElseThrow().motion().paths()) {
                motion.append("\n      ").append(path.penDown() ? "down " : "up   ").append(path.points());
            }
            tally.problem(where + ": " + wrong + "\n    " + said.replace("\n", "\n    ") + "\n    the machine moved:" + motion);
        }
    }

    /** How much of a drawn segment ab lies along the program's segment pq (both ends on its line). */
    private static double overlap(Point a, Point b, Point p, Point q) {
        double dx = q.x() - p.x(), dy = q.y() - p.y(), length = Math.hypot(dx, dy);
        double ux = dx / length, uy = dy / length;
        double offA = Math.abs((a.x() - p.x()) * uy - (a.y() - p.y()) * ux), offB = Math.abs((b.x() - p.x()) * uy - (b.y() - p.y()) * ux);
        if (offA > ON_LINE_MM || offB > ON_LINE_MM) {
            return 0;
        }
        double ta = (a.x() - p.x()) * ux + (a.y() - p.y()) * uy, tb = (b.x() - p.x()) * ux + (b.y() - p.y()) * uy;
        return Math.max(0, Math.min(length, Math.max(ta, tb)) - Math.max(0, Math.min(ta, tb)));
    }

    /** The profile with a short silence bound, so that hangs are noticed in seconds. */
    private Path quickProfile(String name) throws IOException {
        Path original = TestHome.HOME.resolve("firmware-profiles").resolve(name + ".properties");
        Path copy = work.resolve(name + "-quick.properties");
        // the simulator's pen touches the paper below Z0 (it starts at Z0, pen up)
        String pen = name.endsWith("-z") ? "pen.down=G1 Z-0.5 F1200\n" : "";
        Files.writeString(copy, Files.readString(original) + "\nprotocol.silence.ms=3000\n" + pen);
        return copy;
    }

    /**
     * Three sides of 10 mm squares, each a stroke between the machine's pen moves. Open strokes: a machine
     * stopped exactly where a closed stroke begins and ends cannot say, by its position, whether it drew the
     * stroke (see StopPointResumer).
     */
    private static List<String> squares(Machine machine) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", machine.penUp()));
        for (Point[] square : corners()) {
            lines.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", square[0].x(), square[0].y()));
            lines.add(machine.penDown());
            for (int c = 1; c < 4; c++) {
                lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f%s", square[c].x(), square[c].y(), c == 1 ? " F3000" : ""));
            }
            lines.add(machine.penUp());
        }
        lines.add("G0 X0 Y0");
        return lines;
    }

    private static List<Point[]> corners() {
        List<Point[]> squares = new ArrayList<>();
        for (int i = 0; i < SQUARES; i++) {
            double x = 10 + (i % 6) * 15, y = 10 + (i / 6) * 15;
            squares.add(new Point[] {new Point(x, y), new Point(x + 10, y), new Point(x + 10, y + 10), new Point(x, y + 10)});
        }
        return squares;
    }

    private static List<Point[]> squareSegments() {
        List<Point[]> segments = new ArrayList<>();
        for (Point[] square : corners()) {
            for (int c = 0; c < 3; c++) {
                segments.add(new Point[] {square[c], square[c + 1]});
            }
        }
        return segments;
    }
}
