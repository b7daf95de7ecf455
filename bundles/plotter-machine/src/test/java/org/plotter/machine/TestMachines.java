package org.plotter.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PlanOptions;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PortInfo;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.grbl.GrblDriver;
import org.plotter.driver.marlin.MarlinDriver;
import org.plotter.driver.sim.SimConnectionFactory;
import org.plotter.gcode.GcodeFileReader;
import org.plotter.gcode.StopPointResumer;

/** The simulated GRBL behind a session, with the real driver, resumer and reader: what the session tests run on. */
final class TestMachines {
    private TestMachines() {}

    /** The simulator's ports, counting what is opened and closed: the session's connection is its own. */
    static final class CountingPorts implements ConnectionFactory {
        /** The ports it takes: {@code sim:}, or another scheme for the same simulator (a port a journal is kept for). */
        private final String scheme;

        final ConnectionFactory sim = new SimConnectionFactory();

        CountingPorts() {
            this("sim:");
        }

        CountingPorts(String scheme) {
            this.scheme = scheme;
        }
        final AtomicInteger opened = new AtomicInteger(), closed = new AtomicInteger();
        volatile PlotterConnection last;
        private volatile boolean unplugged;
        /** The ports the system lists, with their USB serial numbers; a port not listed does not open. */
        volatile List<PortInfo> listed = List.of();

        @Override
        public List<PortInfo> ports() {
            return listed;
        }

        @Override
        public boolean accepts(String port) {
            return port.startsWith(scheme);
        }

        /** Behind another scheme the simulator stands for a real machine, whose jobs keep a journal. */
        @Override
        public boolean outlivesProcess(String port) {
            return sim.outlivesProcess(port) || !scheme.equals("sim:");
        }

        @Override
        public PlotterConnection open(String port) throws IOException {
            if (!listed.isEmpty() && listed.stream().noneMatch(p -> p.port().equals(port))) {
                throw new IOException("no such port");
            }
            PlotterConnection real = sim.open("sim:" + port.substring(scheme.length()));
            opened.incrementAndGet();
            unplugged = false;
            OutputStream toMachine = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (unplugged) {
                        throw new IOException("the device is gone");
                    }
                    real.output().write(b);
                }
            };
            last = new PlotterConnection() {
                @Override
                public String port() {
                    return real.port();
                }

                @Override
                public InputStream input() {
                    return real.input();
                }

                @Override
                public OutputStream output() {
                    return toMachine;
                }

                @Override
                public Optional<ExecutionRecord> executionRecord() {
                    return real.executionRecord();
                }

                @Override
                public void close() throws IOException {
                    closed.incrementAndGet();
                    real.close();
                }
            };
            return last;
        }

        /** The cable pulled: the connection ends reading at once, as a vanished serial port does, and takes no more bytes. */
        void unplug() throws IOException {
            unplugged = true;
            last.input().close();
        }

        List<Polyline> drawn() {
            return last.executionRecord().orElseThrow().motion().paths().stream().filter(Polyline::penDown).toList();
        }
    }

    static FirmwareProfile servoGrbl() {
        return new FirmwareProfile("test", "GRBL, servo pen", new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false),
                new FirmwareProfile.Pen(List.of("M3 S0"), List.of("M3 S30"), Duration.ZERO), FirmwareProfile.PenChange.PAUSE_AT_ORIGIN,
                PlanOptions.DEFAULT, new FirmwareProfile.Motion(3000, 6000, 500, 0.01),
                new FirmwareProfile.Protocol("grbl", 127, Map.of()), GcodeDialect.GRBL);
    }

    /** {@code count} squares in a row starting at ({@code x}, {@code y}), each a stroke. */
    static GcodeProgram squares(double x, double y, int count) {
        List<String> lines = new ArrayList<>(List.of("G21 G90", "M3 S0"));
        for (int i = 0; i < count; i++) {
            double left = x + 15 * i;
            lines.add(String.format(Locale.ROOT, "G0 X%.3f Y%.3f", left, y));
            lines.add("M3 S30");
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f F3000", left + 10, y));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", left + 10, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", left, y + 10));
            lines.add(String.format(Locale.ROOT, "G1 X%.3f Y%.3f", left, y));
            lines.add("M3 S0");
        }
        return new GcodeProgram(lines, new Drawing(300, 300, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO));
    }

    /** The same machine spoken to as Marlin (the simulator's {@code firmware=marlin}). */
    static FirmwareProfile servoMarlin() {
        FirmwareProfile grbl = servoGrbl();
        return new FirmwareProfile("test-marlin", "Marlin, servo pen", grbl.workArea(), grbl.pen(), grbl.penChange(), grbl.planning(),
                grbl.motion(), new FirmwareProfile.Protocol("marlin", 96, Map.of()), GcodeDialect.GRBL);
    }

    static ConfiguredMachineSession session(String port, CountingPorts ports) {
        return session(port, ports, servoGrbl());
    }

    static ConfiguredMachineSession session(String port, CountingPorts ports, FirmwareProfile profile) {
        return new ConfiguredMachineSession(port, profile, List.of(ports), List.of(new GrblDriver(), new MarlinDriver()),
                new StopPointResumer(), new GcodeFileReader());
    }

}
