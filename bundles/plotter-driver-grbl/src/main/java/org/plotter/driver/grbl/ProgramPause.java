package org.plotter.driver.grbl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GRBL's program pause: a line whose command is {@code M0} (GRBL 1.1 ignores {@code M1}, the optional
 * stop). The operator's message is the line's comment, {@code ; …} or {@code ( … )}.
 */
final class ProgramPause {
    private static final Pattern M0 = Pattern.compile("\\s*(?:N\\d+\\s*)?M0*0(?![\\d.])", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile(";(.*)$|\\((.*?)\\)");

    private ProgramPause() {}

    static boolean isPause(String line) {
        return M0.matcher(line).lookingAt();
    }

    /** The line's comment, trimmed; empty if it has none. */
    static String message(String line) {
        Matcher m = COMMENT.matcher(line);
        if (!m.find()) {
            return "";
        }
        return (m.group(1) != null ? m.group(1) : m.group(2)).strip();
    }
}
