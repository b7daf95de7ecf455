package org.plotter.driver.grbl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line from a GRBL controller, classified. Pure parsing, no state. */
record GrblResponse(Kind kind, String text, int code, String state, double x, double y) {
    enum Kind { OK, ERROR, ALARM, STATUS, BANNER, MESSAGE, OTHER }

    private static final Pattern STATUS = Pattern.compile("<([A-Za-z]+)(?::\\d+)?\\|[MW]Pos:(-?[\\d.]+),(-?[\\d.]+)(?:,-?[\\d.]+)*.*>");
    private static final Pattern NUMBERED = Pattern.compile("(error|ALARM):(\\d+)");

    static GrblResponse parse(String line) {
        String text = line.strip();
        if (text.equals("ok")) {
            return new GrblResponse(Kind.OK, text, 0, null, 0, 0);
        }
        Matcher numbered = NUMBERED.matcher(text);
        if (numbered.matches()) {
            Kind kind = numbered.group(1).equals("error") ? Kind.ERROR : Kind.ALARM;
            return new GrblResponse(kind, text, Integer.parseInt(numbered.group(2)), null, 0, 0);
        }
        Matcher status = STATUS.matcher(text);
        if (status.matches()) {
            return new GrblResponse(Kind.STATUS, text, 0, status.group(1),
                    Double.parseDouble(status.group(2)), Double.parseDouble(status.group(3)));
        }
        if (text.startsWith("Grbl ")) {
            return new GrblResponse(Kind.BANNER, text, 0, null, 0, 0);
        }
        if (text.startsWith("[")) {
            return new GrblResponse(Kind.MESSAGE, text, 0, null, 0, 0);
        }
        return new GrblResponse(Kind.OTHER, text, 0, null, 0, 0);
    }

    /** The firmware name and version from a banner, e.g. {@code Grbl 1.1h}. */
    String firmware() {
        int bracket = text.indexOf(" [");
        return bracket > 0 ? text.substring(0, bracket) : text;
    }
}
