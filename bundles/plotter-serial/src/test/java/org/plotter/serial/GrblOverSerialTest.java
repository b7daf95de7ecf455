package org.plotter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.grbl.GrblDriver;
import org.plotter.driver.sim.VirtualDevice;

/** The GRBL driver through a real serial port (jSerialComm on a pseudo-terminal) to the simulated machine. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrblOverSerialTest {
    private final SerialConnectionFactory ports = new SerialConnectionFactory();

    @TempDir
    Path dir;

    /** The host end of the pseudo-terminal pair. */
    private Path host() {
        return dir.resolve("ttyHOST");
    }

    static FirmwareProfile profile() {
        return new FirmwareProfile("pty", "GRBL on a pseudo-terminal",
                new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false),
                new FirmwareProfile.Pen(List.of("M3 S0"), List.of("M3 S30"), Duration.ZERO),
                FirmwareProfile.PenChange.PAUSE_AT_ORIGIN, PlanOptions.DEFAULT,
                new FirmwareProfile.Motion(3000, 6000, 500, 0.01),
                new FirmwareProfile.Protocol("grbl", 127, Map.of("serial.baud", "115200")), GcodeDialect.GRBL);
    }

    /** Squares along the page, each a stroke: long enough that the receive buffer is kept full. */
    static List<String> squares(int count) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", "M3 S0"));
        for (int i = 0; i < count; i++) {
            double x = 10 + (i % 20) * 12, y = 10 + (i / 20) * 12;
            lines.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", x, y));
            lines.add("M3 S30");
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f F3000", x + 10, y));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x + 10, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", x, y));
            lines.add("M3 S0");
        }
        lines.add("G0 X0 Y0");
        return lines;
    }

    static GcodeProgram program(List<String> lines) {
        return new GcodeProgram(lines, new Drawing(300, 300, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO));
    }

    private static List<Polyline> drawn(PlotterConnection machine) {
        return machine.executionRecord().orElseThrow().motion().paths().stream().filter(Polyline::penDown).toList();
    }

    @Test
    void aProgramStreamedThroughTheSerialPortIsDrawnExactlyAsOnTheSimulatorItself() throws Exception {
        List<String> lines = squares(60);
        List<Polyline> direct;
        try (PlotterConnection sim = new org.plotter.driver.sim.SimConnectionFactory().open("sim:")) {
            JobResult result = new GrblDriver().start(sim, program(lines), profile(), e -> { }).await(Duration.ofSeconds(60));
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result.failure()));
            direct = drawn(sim);
        }
        try (VirtualDevice device = Pty.simulator(dir, "sim:")) {
            try (PlotterConnection port = ports.open(host().toString(), profile().protocol().settings())) {
                JobResult result = new GrblDriver().start(port, program(lines), profile(), e -> { }).await(Duration.ofSeconds(60));
                assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result.failure()));
                assertEquals(lines.size(), result.linesAcknowledged());
            }
            assertEquals(60, drawn(device.machine()).size(), "every square, once");
            assertEquals(direct, drawn(device.machine()), "the same strokes, point for point, in the same order");
        }
    }

    /** The cable is pulled mid-job: the job fails within its bounds with a reason, the process does not hang. */
    @Test
    void aPortThatDisappearsMidJobFailsTheJobInsteadOfHangingIt() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (VirtualDevice pty = Pty.simulator(dir, "sim:speed=2")) {
            try (PlotterConnection port = ports.open(host().toString())) {
                var job = new GrblDriver().start(port, program(squares(40)), profile(), events::add);
                while (events.stream().noneMatch(e -> e instanceof JobEvent.Progress p && p.acknowledged() > 20)) {
                    Thread.sleep(20);
                }
                long unplugged = System.nanoTime();
                pty.unplug();
                JobResult result = job.await(Duration.ofSeconds(30));
                double seconds = (System.nanoTime() - unplugged) / 1e9;
                assertEquals(JobResult.Outcome.FAILED, result.outcome(), String.valueOf(result));
                String why = result.failure().orElseThrow().toString();
                assertTrue(why.contains(host().toString()) && why.contains("disappeared"), why);
                assertTrue(seconds < 15, "noticed within the liveness bounds, took " + seconds + " s: " + why);
            }
        }
    }
}
