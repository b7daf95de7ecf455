package org.plotter.driver.sim;

/**
 * What GRBL's serial reader puts in its line buffer: it throws away spaces and control characters, {@code /},
 * and comments ({@code (…)} to its close or the line's end, {@code ;} to the end), and upper-cases letters.
 * Written from GRBL's protocol, apart from the driver's own reading of it, so a test can tell them apart.
 */
final class GrblLineBuffer {
    /** GRBL's {@code LINE_BUFFER_SIZE}: it holds one character less, and a terminator. */
    static final int SIZE = 80;

    private GrblLineBuffer() {
    }

    /** The line as the buffer holds it; null once it would hold more than {@code SIZE - 1} characters (GRBL's error:11). */
    static String holding(String raw) {
        StringBuilder kept = new StringBuilder();
        boolean parentheses = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (parentheses) {
                parentheses = c != ')';
            } else if (c == ';') {
                break;
            } else if (c == '(') {
                parentheses = true;
            } else if (c > ' ' && c != '/') {
                if (kept.length() >= SIZE - 1) {
                    return null;
                }
                kept.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
            }
        }
        return kept.toString();
    }
}
