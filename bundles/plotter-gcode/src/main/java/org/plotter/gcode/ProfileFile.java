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
import org.plotter.api.gcode.PlanOptions;

/**
 * Reads a firmware profile from a {@code .properties} file; every key is documented in
 * {@code firmware-profiles/README.md}. A missing or malformed key is refused with the file, the key and why.
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
            // read by the port and the drivers; refused here, at load, when malformed
            flag("protocol.homing");
            flag("protocol.check.settings");
            positiveWhole("serial.baud");
            positiveWhole("protocol.window");
            positiveWhole("protocol.line.chars");
            positiveWhole("protocol.silence.ms");
            oneOf("serial.dtr", "on", "off");
            oneOf("serial.rts", "on", "off");
            oneOf("protocol.streaming", "character-counting", "send-response");
            GcodeDialect.LengthUnit units = lengthUnit();
            List<String> start = commands(p.getProperty("gcode.start", units == GcodeDialect.LengthUnit.INCHES ? "G20 G90" : "G21 G90"));
            String selects = units == GcodeDialect.LengthUnit.INCHES ? "G20" : "G21";
            if (start.stream().noneMatch(line -> line.toUpperCase(Locale.ROOT).matches(".*\\b" + selects + "\\b.*"))) {
                throw wrong("gcode.start", "must select the profile's units with " + selects + " (gcode.units=" + p.getProperty("gcode.units", "mm").trim() + ")");
            }
            return new FirmwareProfile(
                    id,
                    p.getProperty("description", id).trim(),
                    new FirmwareProfile.WorkArea(positive("work.width"), positive("work.height"), origin(), flag("work.swap.axes")),
                    new FirmwareProfile.Pen(commands(required("pen.up")), commands(required("pen.down")),
                            Duration.ofMillis((long) nonNegative("pen.delay.ms"))),
                    penChange(),
                    planning(),
                    new FirmwareProfile.Motion(positive("feed.draw"), positive("feed.travel"),
                            positive("motion.acceleration", "500"), nonNegative("motion.junction.deviation", "0.01")),
                    new FirmwareProfile.Protocol(required("protocol"), (int) positive("rx.buffer.bytes"), protocolSettings),
                    new GcodeDialect(dwellUnit(), units, start, commands(p.getProperty("gcode.end", ""))));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("profile " + file + ": " + e.getMessage());
        }
    }

    private PlanOptions planning() {
        String order = p.getProperty("plan.order", "improved").trim().toLowerCase(Locale.ROOT);
        PlanOptions.Order parsed = switch (order) {
            case "as-drawn" -> PlanOptions.Order.AS_DRAWN;
            case "greedy" -> PlanOptions.Order.GREEDY;
            case "improved" -> PlanOptions.Order.IMPROVED;
            default -> throw wrong("plan.order", "must be as-drawn, greedy or improved, got '" + order + "'");
        };
        PlanOptions d = PlanOptions.DEFAULT;
        return new PlanOptions(parsed, nonNegative("plan.merge.mm", Double.toString(d.mergeMillimetres())),
                nonNegative("plan.simplify.mm", Double.toString(d.simplifyMillimetres())),
                nonNegative("plan.min.step.mm", Double.toString(d.minimumStepMillimetres())));
    }

    private FirmwareProfile.PenChange penChange() {
        List<String> commands = commands(p.getProperty("pen.change", "M0"));
        if (commands.isEmpty()) {
            throw wrong("pen.change", "needs at least one command, e.g. M0");
        }
        String park = p.getProperty("pen.change.park", "origin").trim().toLowerCase(Locale.ROOT);
        if (!park.equals("origin") && !park.equals("here")) {
            throw wrong("pen.change.park", "must be origin or here, got '" + park + "'");
        }
        return new FirmwareProfile.PenChange(commands, park.equals("origin"), nonNegative("pen.change.every.mm", "0"));
    }

    private GcodeDialect.DwellUnit dwellUnit() {
        String unit = p.getProperty("gcode.dwell.unit", "seconds").trim().toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "seconds", "s" -> GcodeDialect.DwellUnit.SECONDS;
            case "milliseconds", "ms" -> GcodeDialect.DwellUnit.MILLISECONDS;
            default -> throw wrong("gcode.dwell.unit", "must be seconds or milliseconds, got '" + unit + "'");
        };
    }

    private FirmwareProfile.WorkArea.Origin origin() {
        String value = p.getProperty("work.origin", "bottom-left").trim().toLowerCase(Locale.ROOT);
        try {
            return FirmwareProfile.WorkArea.Origin.valueOf(value.replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw wrong("work.origin", "must be bottom-left, top-left, bottom-right or top-right, got '" + value + "'");
        }
    }

    private GcodeDialect.LengthUnit lengthUnit() {
        String value = p.getProperty("gcode.units", "mm").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "mm" -> GcodeDialect.LengthUnit.MILLIMETRES;
            case "in", "inch", "inches" -> GcodeDialect.LengthUnit.INCHES;
            default -> throw wrong("gcode.units", "must be mm or in, got '" + value + "'");
        };
    }

    /** An optional whole number above zero. */
    private void positiveWhole(String key) {
        String value = p.getProperty(key);
        if (value == null) {
            return;
        }
        try {
            if (Integer.parseInt(value.trim()) > 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw wrong(key, "must be a whole number above 0, got '" + value.trim() + "'");
    }

    /** An optional value from a fixed list. */
    private void oneOf(String key, String... allowed) {
        String value = p.getProperty(key);
        if (value != null && !java.util.Arrays.asList(allowed).contains(value.trim().toLowerCase(Locale.ROOT))) {
            throw wrong(key, "must be " + String.join(" or ", allowed) + ", got '" + value.trim() + "'");
        }
    }

    private boolean flag(String key) {
        String value = p.getProperty(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw wrong(key, "must be true or false, got '" + value + "'");
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
        return number(key, required(key));
    }

    private double number(String key, String value) {
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
        return positive(key, null);
    }

    /** A positive number; {@code fallback} when the key is absent (null: the key is required). */
    private double positive(String key, String fallback) {
        String text = fallback != null ? p.getProperty(key, fallback).trim() : required(key);
        double value = number(key, text);
        if (!(value > 0)) {
            throw wrong(key, "must be positive, got " + text);
        }
        return value;
    }

    private double nonNegative(String key) {
        return nonNegative(key, null);
    }

    private double nonNegative(String key, String fallback) {
        String text = fallback != null ? p.getProperty(key, fallback).trim() : required(key);
        double value = number(key, text);
        if (value < 0) {
            throw wrong(key, "must not be negative, got " + text);
        }
        return value;
    }

    private InvalidInputException wrong(String key, String why) {
        return new InvalidInputException("profile " + file + ": '" + key + "' " + why);
    }
}
