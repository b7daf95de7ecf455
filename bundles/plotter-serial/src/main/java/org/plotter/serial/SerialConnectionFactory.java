package org.plotter.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PortInfo;

/**
 * Serial ports through jSerialComm: device paths ({@code /dev/ttyUSB0}, {@code /dev/tty.usbserial-…}, a
 * pseudo-terminal or a link to one), Windows {@code COM} ports, or any of them written {@code serial:PATH}.
 * The profile's port settings are {@link SerialSettings}. A port that is missing, busy or not a serial
 * device is refused with one sentence saying which, before anything is sent.
 */
@Component(service = ConnectionFactory.class, property = ConnectionFactory.SCHEME + "=serial")
public class SerialConnectionFactory implements ConnectionFactory {
    static final String PREFIX = "serial:";
    private static final Pattern WINDOWS_PORT = Pattern.compile("(?i)(\\\\\\\\\\.\\\\)?COM\\d+");
    /** errno values the open can fail with, as the OS reports them through jSerialComm. */
    private static final int ENOENT = 2, EAGAIN = 11, EACCES = 13, EBUSY = 16, ENOTTY = 25;
    /** Device paths this runtime has open: the system would let it open one twice, and two streams would mix. */
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accepts(String port) {
        return port.startsWith(PREFIX) || port.startsWith("/") || WINDOWS_PORT.matcher(port).matches();
    }

    @Override
    public PlotterConnection open(String port) throws IOException {
        return open(port, Map.of());
    }

    @Override
    public PlotterConnection open(String port, Map<String, String> settings) throws IOException {
        SerialSettings serial = SerialSettings.of(settings);
        String path = port.startsWith(PREFIX) ? port.substring(PREFIX.length()) : port;
        if (path.startsWith("/")) {
            Path file = Path.of(path);
            if (!Files.exists(file)) {
                throw new IOException("no such port: " + path + " (is the machine plugged in? 'plotter ports' lists what is there)");
            }
            if (Files.isDirectory(file) || Files.isRegularFile(file)) {
                throw new IOException(path + " is not a serial device");
            }
        }
        SerialPort serialPort;
        try {
            serialPort = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(path + " is not a serial port: " + e.getMessage());
        }
        String device = serialPort.getSystemPortPath();
        if (!OPEN.add(device)) {
            throw new IOException(path + " is busy: this plotter already has it open");
        }
        try {
            serial.applyBeforeOpen(serialPort);
            if (!serialPort.openPort()) {
                throw new IOException(whyNotOpened(path, serialPort.getLastErrorCode()));
            }
            serial.applyAfterOpen(serialPort);
        } catch (IOException | RuntimeException e) {
            OPEN.remove(device);
            throw e;
        }
        return new SerialConnection(port, serialPort, path.startsWith("/") ? Path.of(path) : null, () -> OPEN.remove(device));
    }

    private static String whyNotOpened(String path, int errno) {
        return switch (errno) {
            case EBUSY, EAGAIN -> path + " is busy: another program (a sender, a serial monitor, another plotter) has it open";
            case EACCES -> path + ": permission denied (on Linux, add yourself to the 'dialout' group and log in again)";
            case ENOENT -> "no such port: " + path;
            case ENOTTY -> path + " is not a serial device";
            default -> "cannot open " + path + " (system error " + errno + ")";
        };
    }

    @Override
    public List<PortInfo> ports() {
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            String description = p.getPortDescription() == null || p.getPortDescription().isBlank()
                    ? p.getDescriptivePortName() : p.getPortDescription();
            Optional<String> usb = p.getVendorID() >= 0 && p.getProductID() >= 0
                    ? Optional.of(String.format(Locale.ROOT, "%04x:%04x", p.getVendorID(), p.getProductID())) : Optional.empty();
            String serialNumber = p.getSerialNumber();
            ports.add(new PortInfo(p.getSystemPortPath(), description == null ? "" : description, usb,
                    serialNumber == null || serialNumber.isBlank() || serialNumber.equals("Unknown") ? Optional.empty() : Optional.of(serialNumber)));
        }
        return ports;
    }
}
