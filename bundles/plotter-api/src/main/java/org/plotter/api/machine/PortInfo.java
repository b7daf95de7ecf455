package org.plotter.api.machine;

import java.util.Objects;
import java.util.Optional;

/**
 * A port a machine may be on, as the operating system describes it.
 *
 * @param port the name to pass as {@code --port}, e.g. {@code /dev/ttyUSB0} or {@code COM3}
 * @param description what the system calls the device, e.g. {@code USB-Serial Controller}
 * @param usbId USB vendor and product id as {@code VVVV:PPPP} in hex, where known
 * @param serialNumber the USB serial number, where known: it finds the same machine on another path
 */
public record PortInfo(String port, String description, Optional<String> usbId, Optional<String> serialNumber) {
    public PortInfo {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(usbId, "usbId");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }
}
