package org.plotter.driver.grbl;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line from a GRBL 1.1 controller, classified (GRBL's interface documentation: response messages,
 * push messages, status reports). Pure parsing, no state.
 */
record GrblResponse(Kind kind, String text, int code, Optional<GrblStatus> status) {
    enum Kind { OK, ERROR, ALARM, STATUS, BANNER, MESSAGE, OTHER }

    private static final Pattern NUMBERED = Pattern.compile("(error|ALARM):(\\d+)");
    /** GRBL's welcome line, e.g. {@code Grbl 1.1h ['$' for help]}; FluidNC's starts the same way. */
    private static final Pattern BANNER = Pattern.compile("Grbl \\S+.*");

    static GrblResponse parse(String line) {
        String text = line.strip();
        if (text.equals("ok")) {
            return new GrblResponse(Kind.OK, text, 0, Optional.empty());
        }
        Matcher numbered = NUMBERED.matcher(text);
        if (numbered.matches()) {
            Kind kind = numbered.group(1).equals("error") ? Kind.ERROR : Kind.ALARM;
            return new GrblResponse(kind, text, Integer.parseInt(numbered.group(2)), Optional.empty());
        }
        if (text.startsWith("<") && text.endsWith(">")) {
            Optional<GrblStatus> status = GrblStatus.parse(text);
            if (status.isPresent()) {
                return new GrblResponse(Kind.STATUS, text, 0, status);
            }
        }
        if (BANNER.matcher(text).matches()) {
            return new GrblResponse(Kind.BANNER, text, 0, Optional.empty());
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            return new GrblResponse(Kind.MESSAGE, text, 0, Optional.empty());
        }
        if (text.endsWith("ok") && text.length() > 2) {
            // line noise or a cut-off line ran into an ok: GRBL sends nothing else that ends so
            return new GrblResponse(Kind.OK, "ok", 0, Optional.empty());
        }
        return new GrblResponse(Kind.OTHER, text, 0, Optional.empty());
    }

    /** The firmware name and version from a banner, e.g. {@code Grbl 1.1h}. */
    String firmware() {
        int bracket = text.indexOf(" [");
        return bracket > 0 ? text.substring(0, bracket) : text;
    }
}
