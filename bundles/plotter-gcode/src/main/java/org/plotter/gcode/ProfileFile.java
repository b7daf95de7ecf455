package org.plotter.gcode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;

/**
 * Reads a firmware profile from a {@code .properties} file. Core keys: {@code description},
 * {@code work.width}, {@code work.height} (mm), {@code pen.up}, {@code pen.down} (commands separated by
 * {@code ;}), {@code pen.delay.ms}, {@code feed.draw}, {@code feed.travel} (mm/min). Protocol:
 * {@code protocol}, {@code rx.buffer.bytes}, and any {@code serial.*} or {@code protocol.*} key.
 * Dialect: {@code gcode.dwell.unit} ({@code seconds} or {@code milliseconds}), {@code gcode.start},
 * {@code gcode.end} (commands separated by {@code ;}).
 */
final class ProfileFile {
    static final String SUFFIX = ".properties";

    private final Path file;
    private final Properties p = new Properties();

    private ProfileFile(Path file) {
        this.file = file;
    }

    /** @throws InvalidInputException naming the file and what is wrong with it */
    static FirmwareProfile read(Path file) {
        ProfileFile profile = new ProfileFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            profile.p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("cannot read profile " + file + ": " + e.getMessage());
        }
        return profile.parse(id(file));
    }

    static String id(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    private FirmwareProfile parse(String id) {
        try {
            Map<String, String> protocolSettings = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("serial.") || key.startsWith("protocol.")) {
                    protocolSettings.put(key, p.getProperty(key).trim());
                }
            }
            return new FirmwareProfile(
                    id,
                    p.getProperty("description", id).trim(),
                    positive("work.width"),
                    positive("work.height"),
                    new FirmwareProfile.Pen(commands(required("pen.up")), commands(required("pen.down")),
                            Duration.ofMillis((long) nonNegative("pen.delay.ms"))),
                    positive("feed.draw"),
                    positive("feed.travel"),
                    new FirmwareProfile.Protocol(required("protocol"), (int) positive("rx.buffer.bytes"), protocolSettings),
                    new GcodeDialect(dwellUnit(), commands(p.getProperty("gcode.start", "G21 G90")),
                            commands(p.getProperty("gcode.end", ""))));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("profile " + file + ": " + e.getMessage());
        }
    }

    private GcodeDialect.DwellUnit dwellUnit() {
        String unit = p.getProperty("gcode.dwell.unit", "seconds").trim().toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "seconds", "s" -> GcodeDialect.DwellUnit.SECONDS;
            case "milliseconds", "ms" -> GcodeDialect.DwellUnit.MILLISECONDS;
            default -> throw wrong("gcode.dwell.unit", "must be seconds or milliseconds, got '" + unit + "'");
        };
    }

    private static List<String> commands(String value) {
        return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String required(String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw wrong(key, "is missing");
        }
        return value.trim();
    }

    private double number(String key) {
        String value = required(key);
        try {
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw wrong(key, "is not a number: " + value);
        }
    }

    private double positive(String key) {
        double value = number(key);
        if (!(value > 0)) {
            throw wrong(key, "must be positive, got " + p.getProperty(key).trim());
        }
        return value;
    }

    private double nonNegative(String key) {
        double value = number(key);
        if (value < 0) {
            throw wrong(key, "must not be negative, got " + p.getProperty(key).trim());
        }
        return value;
    }

    private InvalidInputException wrong(String key, String why) {
        return new InvalidInputException("profile " + file + ": '" + key + "' " + why);
    }
}
