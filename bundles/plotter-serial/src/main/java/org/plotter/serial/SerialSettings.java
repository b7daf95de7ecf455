package org.plotter.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Locale;
import java.util.Map;
import org.plotter.api.InvalidInputException;

/**
 * A profile's port settings: {@code serial.baud} (default 115200), and {@code serial.dtr} /
 * {@code serial.rts} ({@code on} or {@code off}; unset leaves them as the system opens the port).
 * Opening a port raises DTR on most systems, which resets an Arduino-based GRBL (it then greets again);
 * {@code serial.dtr=off} keeps it low from the start, so a running machine is not reset by connecting.
 * Always 8 data bits, no parity, one stop bit and no flow control, as GRBL, FluidNC and Marlin use.
 */
record SerialSettings(int baud, Boolean dtr, Boolean rts) {
    static final int DEFAULT_BAUD = 115200;
    /** How long a read waits for a byte before checking whether the reader should stop. */
    static final int READ_POLL_MILLIS = 100;

    static SerialSettings of(Map<String, String> settings) {
        String baudText = settings.getOrDefault("serial.baud", Integer.toString(DEFAULT_BAUD)).trim();
        int baud;
        try {
            baud = Integer.parseInt(baudText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("serial.baud must be a whole number of bits per second, got '" + baudText + "'");
        }
        if (baud <= 0) {
            throw new InvalidInputException("serial.baud must be positive, got " + baud);
        }
        return new SerialSettings(baud, line(settings, "serial.dtr"), line(settings, "serial.rts"));
    }

    private static Boolean line(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "high" -> true;
            case "off", "false", "low" -> false;
            default -> throw new InvalidInputException(key + " must be on or off, got '" + value.trim() + "'");
        };
    }

    /** Line states before the open: jSerialComm applies them as the port opens, so DTR never pulses. */
    void applyBeforeOpen(SerialPort port) {
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_POLL_MILLIS, 0);
        lines(port);
    }

    /** And again once open, where a system ignored them before. */
    void applyAfterOpen(SerialPort port) {
        lines(port);
    }

    private void lines(SerialPort port) {
        if (dtr != null) {
            if (dtr) {
                port.setDTR();
            } else {
                port.clearDTR();
            }
        }
        if (rts != null) {
            if (rts) {
                port.setRTS();
            } else {
                port.clearRTS();
            }
        }
    }
}
