package org.plotter.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * How one family of machines wants its G-code: the protocol its driver speaks, the work area,
 * how the pen goes up and down, and the feed rates. Read from a {@code firmware-profiles/*.properties}
 * file; see {@link #parse}.
 *
 * @param rxBufferBytes the controller's serial receive buffer, for character-counting streaming
 * @param drawFeed feed rate while drawing, mm/min
 * @param travelFeed rate of pen-up moves ({@code G0}), mm/min, for time estimates
 */
public record FirmwareProfile(
        String id,
        String description,
        String protocol,
        int rxBufferBytes,
        double workWidth,
        double workHeight,
        List<String> penUp,
        List<String> penDown,
        Duration penDelay,
        double drawFeed,
        double travelFeed) {

    public FirmwareProfile {
        penUp = List.copyOf(penUp);
        penDown = List.copyOf(penDown);
        if (penUp.isEmpty() || penDown.isEmpty()) {
            throw new IllegalArgumentException("profile " + id + ": pen.up and pen.down need at least one command each");
        }
        if (rxBufferBytes < 16) {
            throw new IllegalArgumentException("profile " + id + ": rx.buffer.bytes must be at least 16, got " + rxBufferBytes);
        }
        if (!(workWidth > 0 && workHeight > 0 && drawFeed > 0 && travelFeed > 0)) {
            throw new IllegalArgumentException("profile " + id + ": work area and feed rates must be positive");
        }
    }

    /**
     * Reads a profile from properties: {@code description}, {@code protocol}, {@code rx.buffer.bytes},
     * {@code work.width}, {@code work.height} (mm), {@code pen.up}, {@code pen.down} (commands separated
     * by {@code ;}), {@code pen.delay.ms}, {@code feed.draw}, {@code feed.travel} (mm/min).
     *
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static FirmwareProfile parse(String id, Properties p) {
        return new FirmwareProfile(
                id,
                p.getProperty("description", id),
                required(id, p, "protocol"),
                (int) number(id, p, "rx.buffer.bytes"),
                number(id, p, "work.width"),
                number(id, p, "work.height"),
                commands(required(id, p, "pen.up")),
                commands(required(id, p, "pen.down")),
                Duration.ofMillis((long) number(id, p, "pen.delay.ms")),
                number(id, p, "feed.draw"),
                number(id, p, "feed.travel"));
    }

    private static List<String> commands(String value) {
        return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String required(String id, Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("profile " + id + ": missing '" + key + "'");
        }
        return value.trim();
    }

    private static double number(String id, Properties p, String key) {
        String value = required(id, p, key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("profile " + id + ": '" + key + "' is not a number: " + value);
        }
    }
}
