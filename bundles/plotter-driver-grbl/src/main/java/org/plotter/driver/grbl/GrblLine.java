package org.plotter.driver.grbl;

/**
 * A program line as GRBL keeps it: GRBL's reader throws away spaces and control characters, {@code /},
 * and comments ({@code (…)} and {@code ;} to the end), and keeps at most {@value #DEFAULT_MOST_CHARS}
 * characters of the rest (its line buffer, less the terminator). Sending only that leaves more of the
 * receive buffer for the lines after it, lets a line with a long comment through, and tells before the job
 * which line GRBL would refuse as too long ({@code error:11}).
 */
final class GrblLine {
    /** GRBL 1.1's {@code LINE_BUFFER_SIZE} (80) less its terminating zero. */
    static final int DEFAULT_MOST_CHARS = 79;

    private GrblLine() {
    }

    /**
     * The characters GRBL would keep of {@code line}, case as given (GRBL upper-cases them itself). A line that
     * is only {@code %}, a program's start or end mark in many CAM files, keeps nothing: GRBL does not know the
     * mark and would refuse it ({@code error:1}), and an empty line is answered with {@code ok}, so every program
     * line still gets one answer.
     */
    static String asKept(String line) {
        StringBuilder kept = new StringBuilder(line.length());
        boolean inParentheses = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inParentheses) {
                inParentheses = c != ')';
            } else if (c == '(') {
                inParentheses = true;
            } else if (c == ';') {
                break;
            } else if (c > ' ' && c != '/') {
                kept.append(c);
            }
        }
        return kept.toString().equals("%") ? "" : kept.toString();
    }
}
