package org.plotter.launcher;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 30s}, {@code 5m}, {@code 2h}, {@code 1h30m}, or ISO-8601 ({@code PT2H}); always positive. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        Duration duration;
        Matcher m = SHORT.matcher(text.toLowerCase(java.util.Locale.ROOT));
        if (!text.isEmpty() && m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            duration = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)));
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 5m, 2h, 1h30m or PT2H");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' must be longer than zero");
        }
        return duration;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
