package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;
import org.plotter.api.machine.PortInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The serial ports a machine may be on, and with --probe which firmware answers on each. */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = {"Lists serial ports with their description, USB vendor:product id and serial number where the",
                "system knows them. --probe opens each (or the ones named) and says which firmware answers: it listens for",
                "a greeting and asks for a status report; it never sends motion. Opening a port resets most Arduino boards."})
final class PortsCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Option(names = "--probe", description = "Open each port and ask which firmware is there.")
    boolean probe;

    @Option(names = "--baud", defaultValue = "115200", description = "Speed for --probe (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--wait", defaultValue = "3s", converter = DurationConverter.class,
            description = "How long to wait for an answer on each port and protocol (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Parameters(paramLabel = "PORT", arity = "0..*", description = "Ports to probe (default: every port listed).")
    List<String> named = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Session session = root.session();
        PrintWriter out = root.spec.commandLine().getOut();
        List<PortInfo> listed = session.connectionFactories().stream().flatMap(f -> f.ports().stream()).toList();
        List<String> toProbe = new ArrayList<>(named);
        if (named.isEmpty()) {
            if (listed.isEmpty()) {
                out.println("no serial ports found (is the machine plugged in and switched on?)");
            }
            for (PortInfo p : listed) {
                out.println(p.port() + "  " + p.description() + p.usbId().map(id -> "  usb " + id).orElse("")
                        + p.serialNumber().map(n -> "  serial " + n).orElse(""));
                toProbe.add(p.port());
            }
        }
        if (probe || !named.isEmpty()) {
            for (String port : toProbe) {
                out.println(port + ": " + identify(session, port));
                out.flush();
            }
        }
        return 0;
    }

    /** What answered on the port, trying each installed driver in turn; a port that cannot be opened says why. */
    private String identify(Session session, String port) throws InterruptedException {
        ConnectionFactory factory = session.connectionFor(port);
        List<PlotterDriver> drivers = session.drivers();
        for (PlotterDriver driver : drivers) {
            try (PlotterConnection connection = factory.open(port, Map.of("serial.baud", Integer.toString(baud)))) {
                Optional<String> firmware = driver.identify(connection, wait);
                if (firmware.isPresent()) {
                    return firmware.get() + " (" + driver.protocol() + ")";
                }
            } catch (IOException e) {
                return "cannot open: " + OutputFiles.reason(e);
            }
        }
        return "no answer from " + drivers.stream().map(PlotterDriver::protocol).sorted().collect(Collectors.joining(", "))
                + " within " + Summaries.time(wait) + " (wrong speed? try --baud 250000 for Marlin boards)";
    }
}
