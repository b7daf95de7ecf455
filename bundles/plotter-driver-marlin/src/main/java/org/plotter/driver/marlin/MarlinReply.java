package org.plotter.driver.marlin;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line from Marlin, classified: {@code ok} (with ADVANCED_OK's {@code ok N12 P15 B3}, the line it
 * answers), {@code Resend: N} or {@code rs N}, {@code Error:…}, the host keep-alive
 * {@code echo:busy: …}, other {@code echo:} messages, the boot greeting {@code start}. Pure parsing.
 */
record MarlinReply(Kind kind, String text, OptionalLong line) {
    enum Kind { OK, RESEND, ERROR, BUSY, ECHO, START, OTHER }

    private static final Pattern OK_LINE = Pattern.compile("ok\\s+N(\\d+).*");
    private static final Pattern RESEND = Pattern.compile("(?:Resend:|rs)\\s*N?(\\d+).*", Pattern.CASE_INSENSITIVE);

    static MarlinReply parse(String raw) {
        String text = raw.strip();
        if (text.equals("ok") || text.startsWith("ok ")) {
            Matcher m = OK_LINE.matcher(text);
            return new MarlinReply(Kind.OK, text, m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty());
        }
        Matcher resend = RESEND.matcher(text);
        if (resend.matches()) {
            return new MarlinReply(Kind.RESEND, text, OptionalLong.of(Long.parseLong(resend.group(1))));
        }
        if (text.startsWith("Error:") || text.startsWith("!!")) {
            return new MarlinReply(Kind.ERROR, text, OptionalLong.empty());
        }
        if (text.startsWith("echo:busy:") || text.startsWith("busy:")) {
            return new MarlinReply(Kind.BUSY, text, OptionalLong.empty());
        }
        if (text.equals("start")) {
            return new MarlinReply(Kind.START, text, OptionalLong.empty());
        }
        if (text.startsWith("echo:") || text.startsWith("//")) {
            return new MarlinReply(Kind.ECHO, text, OptionalLong.empty());
        }
        return new MarlinReply(Kind.OTHER, text, OptionalLong.empty());
    }

    /** An error that Marlin follows with a resend request (line noise, a lost line), not a failure. */
    boolean asksForResend() {
        return kind == Kind.ERROR && (text.contains("Last Line") || text.contains("checksum") || text.contains("Line Number"));
    }

    /** A numbered line as Marlin checks it: {@code N<n> <command>*<xor of every byte before the *>}. */
    static String numbered(long number, String command) {
        String body = "N" + number + " " + command;
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return body + "*" + sum;
    }
}
