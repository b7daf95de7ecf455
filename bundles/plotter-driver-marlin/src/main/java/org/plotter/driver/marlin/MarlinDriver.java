package org.plotter.driver.marlin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** Marlin 2 over any connection: profiles with {@code protocol=marlin}. */
@Component(service = PlotterDriver.class, property = PlotterDriver.PROTOCOL + "=" + MarlinDriver.PROTOCOL)
public class MarlinDriver implements PlotterDriver {
    static final String PROTOCOL = "marlin";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener) {
        return start(connection, program, profile, LineHolds.none(), listener);
    }

    @Override
    public PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, LineHolds holds, JobListener listener) {
        MarlinStreamer streamer = new MarlinStreamer(connection, program, profile, holds, MarlinStreamer.Timing.of(profile), listener);
        streamer.start();
        return streamer;
    }

    /** Asks {@code M115} (it moves nothing) and reads {@code FIRMWARE_NAME:Marlin 2.1.2 …} from the answer. */
    @Override
    public Optional<String> identify(PlotterConnection connection, Duration timeout) throws IOException, InterruptedException {
        connection.output().write("M115\n".getBytes(StandardCharsets.US_ASCII));
        connection.output().flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder line = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (connection.input().available() == 0) {
                Thread.sleep(10);
                continue;
            }
            int b = connection.input().read();
            if (b < 0) {
                break;
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            String text = line.toString().strip();
            line.setLength(0);
            int name = text.indexOf("FIRMWARE_NAME:");
            if (name >= 0) {
                String rest = text.substring(name + "FIRMWARE_NAME:".length()).strip();
                int end = rest.indexOf(" (");
                int source = rest.indexOf(" SOURCE_CODE_URL");
                return Optional.of(rest.substring(0, end > 0 ? end : source > 0 ? source : rest.length()).strip());
            }
        }
        return Optional.empty();
    }

    @Override
    public MachineConsole console(PlotterConnection connection, FirmwareProfile profile, Duration timeout) throws IOException, InterruptedException {
        return MarlinConsole.open(connection, timeout);
    }
}
