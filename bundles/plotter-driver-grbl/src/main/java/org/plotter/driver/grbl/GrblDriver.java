package org.plotter.driver.grbl;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;

/** The GRBL 1.1 protocol over any connection (serial port or simulator). */
@Component(service = PlotterDriver.class, property = PlotterDriver.PROTOCOL + "=" + GrblDriver.PROTOCOL)
public class GrblDriver implements PlotterDriver {
    static final String PROTOCOL = "grbl";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    /** The program in GRBL's check mode: parsed and answered line by line, nothing moves; GRBL resets after. */
    @Override
    public Optional<PlotJob> startCheck(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener) {
        java.util.Map<String, String> settings = new java.util.HashMap<>(profile.protocol().settings());
        settings.put(GrblJobOptions.CHECK_ONLY, "true");
        FirmwareProfile checking = new FirmwareProfile(profile.id(), profile.description(), profile.workArea(), profile.pen(), profile.penChange(),
                profile.planning(), profile.motion(), new FirmwareProfile.Protocol(profile.protocol().name(), profile.protocol().rxBufferBytes(), settings),
                profile.dialect());
        return Optional.of(start(connection, program, checking, listener));
    }

    @Override
    public PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener) {
        return start(connection, program, profile, LineHolds.none(), listener);
    }

    @Override
    public PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, LineHolds holds, JobListener listener) {
        GrblStreamer streamer = new GrblStreamer(connection, program, profile, holds, GrblTiming.of(profile), listener);
        streamer.start();
        return streamer;
    }

    /**
     * Listens for a greeting (an Arduino resets when its port opens and GRBL greets), then asks for a
     * status report ({@code ?}, a realtime command: it moves nothing and is not queued). A greeting names
     * the firmware ({@code Grbl 1.1h}, FluidNC's {@code Grbl 3.7 [FluidNC v3.7.8 …]}); a status report
     * alone says only that GRBL is there.
     */
    @Override
    public Optional<String> identify(PlotterConnection connection, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean asked = false;
        StringBuilder line = new StringBuilder();
        InputStream in = connection.input();
        while (System.nanoTime() < deadline) {
            if (!asked && System.nanoTime() > deadline - timeout.toNanos() / 2) {
                connection.output().write(GrblStreamer.STATUS_QUERY);
                connection.output().flush();
                asked = true;
            }
            if (in.available() == 0) {
                Thread.sleep(10);
                continue;
            }
            int b = in.read();
            if (b < 0) {
                return Optional.empty();
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            GrblResponse reply = GrblResponse.parse(line.toString().strip());
            line.setLength(0);
            if (reply.kind() == GrblResponse.Kind.BANNER) {
                return Optional.of(reply.firmware());
            }
            if (reply.kind() == GrblResponse.Kind.STATUS) {
                return Optional.of("GRBL (answered a status query)");
            }
        }
        return Optional.empty();
    }

    @Override
    public MachineConsole console(PlotterConnection connection, FirmwareProfile profile, Duration timeout) throws IOException, InterruptedException {
        return GrblConsole.open(connection, timeout);
    }
}
