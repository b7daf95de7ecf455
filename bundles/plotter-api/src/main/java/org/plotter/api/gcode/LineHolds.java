package org.plotter.api.gcode;

import java.util.Arrays;

/**
 * Lines a sender keeps back until earlier lines have run, so that where an interrupted machine stands tells
 * which line it stopped in. A resume knows only that the machine stopped somewhere between the lines surely
 * run and the lines sent; if the program's path comes back to a point it passed in that stretch (a closed
 * shape, a crossing), a stop at one visit looks like a stop at the other, and the drawing between them would
 * be skipped or drawn twice. Held back until the first visit has run, the second is never in the same stretch.
 * Made by {@link ProgramResumer#holds}; a driver sends line {@code n} only once {@link #mustHaveRun(int)
 * mustHaveRun(n)} lines have surely run.
 */
public final class LineHolds {
    private static final LineHolds NONE = new LineHolds(new int[0]);

    /** For line {@code n} (1-based) at index {@code n - 1}: how many lines must have run before it goes out. */
    private final int[] mustHaveRun;

    private LineHolds(int[] mustHaveRun) {
        this.mustHaveRun = mustHaveRun;
    }

    /** No line is held. */
    public static LineHolds none() {
        return NONE;
    }

    /**
     * @param mustHaveRun for each line of a program in order, how many lines must have run before it goes out:
     *     at least 0 and less than the line's own number
     */
    public static LineHolds of(int[] mustHaveRun) {
        for (int i = 0; i < mustHaveRun.length; i++) {
            if (mustHaveRun[i] < 0 || mustHaveRun[i] > i) {
                throw new IllegalArgumentException("line " + (i + 1) + " cannot wait for " + mustHaveRun[i] + " lines to run");
            }
        }
        return new LineHolds(mustHaveRun.clone());
    }

    /** How many lines must have run before line {@code line} (1-based) goes out; 0 for a line not held. */
    public int mustHaveRun(int line) {
        return line >= 1 && line <= mustHaveRun.length ? mustHaveRun[line - 1] : 0;
    }

    /**
     * How many lines can make a sender wait: those whose hold goes beyond every earlier line's (a line sent after
     * one that waited for line {@code j} finds {@code j} run already).
     */
    public int count() {
        int count = 0, most = 0;
        for (int wait : mustHaveRun) {
            if (wait > most) {
                count++;
                most = wait;
            }
        }
        return count;
    }

    /**
     * These holds for the lines after the first {@code skipped} of the program, numbered from 1 again, with
     * {@code prefix} lines of the caller's own before them: line {@code n} of the program is line
     * {@code n - skipped + prefix} of the new one, and a hold on a skipped line is met at once.
     */
    public LineHolds after(int skipped, int prefix) {
        int length = Math.max(0, mustHaveRun.length - skipped);
        int[] shifted = new int[prefix + length];
        for (int i = 0; i < length; i++) {
            int wait = mustHaveRun[skipped + i];
            shifted[prefix + i] = wait <= skipped ? 0 : wait - skipped + prefix;
        }
        return new LineHolds(shifted);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LineHolds holds && Arrays.equals(mustHaveRun, holds.mustHaveRun);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mustHaveRun);
    }

    @Override
    public String toString() {
        return "LineHolds[" + count() + " of " + mustHaveRun.length + " lines held]";
    }
}
