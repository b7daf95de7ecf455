package org.plotter.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.sketch.Drawing;
import org.plotter.driver.grbl.GrblDriver;
import org.plotter.driver.sim.VirtualDevice;
import org.plotter.gcode.StopPointResumer;
import org.plotter.serial.SerialConnectionFactory;

/**
 * Streams a program through a real serial port (jSerialComm on a pseudo-terminal, bytes paced as a
 * 115200-baud line carries them) to the simulated GRBL executing its motion in real time, once with
 * character counting (without and with the {@link LineHolds} a journalled job is streamed with, which keep a line
 * that comes back to a queued point until that point has run) and once sending each line after the previous
 * one's ok. Prints wall time over the
 * machine's own motion time (1.00: the planner never starved) and bytes per second. Asserts nothing.
 * Run by {@code tools/bench-stream}.
 */
public final class StreamingBenchmark {
    private static final int BAUD = 115200;

    private StreamingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path program = Path.of(args[0]);
        String sim = args.length > 1 ? args[1] : "sim:speed=1";
        List<String> lines = Files.readAllLines(program);
        long bytes = lines.stream().mapToLong(l -> l.length() + 1).sum();
        System.out.printf(Locale.ROOT, "%s: %d lines, %d bytes, on %s at %d baud%n", program.getFileName(), lines.size(), bytes, sim, BAUD);
        long computing = System.nanoTime();
        LineHolds holds = new StopPointResumer().holds(program(lines), profile("character-counting"));
        System.out.printf(Locale.ROOT, "holds for exactly-once resume: %d lines can wait, computed in %.1f ms%n", holds.count(),
                (System.nanoTime() - computing) / 1e6);
        System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10s %10s%n", "streaming", "wall s", "motion s", "wall/motion", "bytes/s", "1st ok s");
        run(lines, bytes, sim, "character-counting", LineHolds.none(), "character-counting");
        run(lines, bytes, sim, "character-counting", holds, "character-counting, holds");
        run(lines, bytes, sim, "send-response", LineHolds.none(), "send-response");
    }

    private static GcodeProgram program(List<String> lines) {
        return new GcodeProgram(lines, new Drawing(1, 1, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO));
    }

    private static void run(List<String> lines, long bytes, String sim, String mode, LineHolds holds, String name) throws Exception {
        Path dir = Files.createTempDirectory("bench-stream");
        Path tty = dir.resolve("ttyBENCH");
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(tty, sim, BAUD);
             PlotterConnection port = new SerialConnectionFactory().open(tty.toString(), Map.of("serial.baud", Integer.toString(BAUD)))) {
            AtomicLong firstAck = new AtomicLong();
            long start = System.nanoTime();
            JobResult result = new GrblDriver().start(port, program(lines), profile(mode), holds, event -> {
                        if (event instanceof JobEvent.Progress && firstAck.get() == 0) {
                            firstAck.set(System.nanoTime());
                        }
                    }).await(Duration.ofHours(2));
            double wall = (System.nanoTime() - start) / 1e9;
            if (!result.completed()) {
                System.out.println(name + ": did not complete: " + result);
                return;
            }
            ExecutionRecord record = device.machine().executionRecord().orElseThrow();
            double motion = record.motionTime().toNanos() / 1e9;
            // the simulator runs `speed` times real time: its motion takes motion / speed of the wall clock
            double speed = speed(sim);
            System.out.printf(Locale.ROOT, "%-26s %10.2f %10.2f %10.4f %10.0f %10.3f%n", name, wall, motion, wall * speed / motion, bytes / wall,
                    (firstAck.get() - start) / 1e9);
        }
    }

    private static double speed(String sim) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("speed=([0-9.]+)").matcher(sim);
        double speed = m.find() ? Double.parseDouble(m.group(1)) : 0;
        if (speed <= 0) {
            throw new IllegalArgumentException("the benchmark needs a paced simulator, e.g. sim:speed=1, got " + sim);
        }
        return speed;
    }

    /** GRBL 1.1 with a servo pen, as the grbl-servo profile describes it, streaming as {@code mode} says. */
    private static FirmwareProfile profile(String mode) {
        return new FirmwareProfile("bench", "benchmark",
                new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false),
                new FirmwareProfile.Pen(List.of("M3 S0"), List.of("M3 S30"), Duration.ofMillis(150)),
                FirmwareProfile.PenChange.PAUSE_AT_ORIGIN, PlanOptions.DEFAULT,
                new FirmwareProfile.Motion(3000, 6000, 500, 0.01),
                new FirmwareProfile.Protocol("grbl", 127, Map.of("protocol.streaming", mode)), GcodeDialect.GRBL);
    }
}
