package org.plotter.api.gcode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * How one family of machines wants to be driven: a typed core (work area, pen, feeds), the settings of
 * the protocol its driver speaks, and the G-code dialect its firmware reads. Read from a
 * {@code firmware-profiles/*.properties} file by a {@link ProfileRegistry}.
 *
 * @param drawFeed feed rate while drawing, mm/min
 * @param travelFeed rate of pen-up moves ({@code G0}), mm/min, for time estimates
 */
public record FirmwareProfile(
        String id,
        String description,
        double workWidth,
        double workHeight,
        Pen pen,
        double drawFeed,
        double travelFeed,
        Protocol protocol,
        GcodeDialect dialect) {

    public FirmwareProfile {
        Objects.requireNonNull(pen, "pen");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(dialect, "dialect");
        if (!(workWidth > 0 && workHeight > 0 && drawFeed > 0 && travelFeed > 0)
                || !Double.isFinite(workWidth + workHeight + drawFeed + travelFeed)) {
            throw new IllegalArgumentException("profile " + id + ": work area and feed rates must be positive numbers");
        }
    }

    /** How the pen goes up and down: commands (one per G-code line) and the time to wait after each. */
    public record Pen(List<String> up, List<String> down, Duration delay) {
        public Pen {
            up = List.copyOf(up);
            down = List.copyOf(down);
            if (up.isEmpty() || down.isEmpty()) {
                throw new IllegalArgumentException("pen up and pen down need at least one command each");
            }
            if (delay.isNegative()) {
                throw new IllegalArgumentException("pen delay must not be negative");
            }
        }
    }

    /**
     * The driver's side: which protocol ({@code grbl}, {@code marlin}, ...), the controller's serial
     * receive buffer (for character-counting streaming), and further settings a driver or port may
     * read (e.g. {@code serial.baud}), keyed as in the profile file.
     */
    public record Protocol(String name, int rxBufferBytes, Map<String, String> settings) {
        public Protocol {
            settings = Map.copyOf(settings);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a profile needs a protocol");
            }
            if (rxBufferBytes < 16) {
                throw new IllegalArgumentException("rx.buffer.bytes must be at least 16, got " + rxBufferBytes);
            }
        }

        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }
    }
}
