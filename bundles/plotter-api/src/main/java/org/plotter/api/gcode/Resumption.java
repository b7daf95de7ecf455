package org.plotter.api.gcode;

import java.util.ArrayList;
import java.util.List;

/**
 * How a program continues after an interruption: the machine stopped after {@code executed} whole lines
 * (and, if {@code partial}, part-way through the next, which is sent again and finishes from where it
 * stopped); {@code preamble} puts it back in that state (units, absolute positions, pen up, a move to
 * where it stopped, the pen down if it was down, the feed); then the program goes on from line
 * {@code executed + 1}.
 */
public record Resumption(int executed, boolean partial, List<String> preamble, List<String> rest, double x, double y, boolean penDown) {
    public Resumption {
        preamble = List.copyOf(preamble);
        rest = List.copyOf(rest);
    }

    /** What to stream: the preamble, then the rest of the program. */
    public List<String> lines() {
        List<String> all = new ArrayList<>(preamble);
        all.addAll(rest);
        return all;
    }

    /**
     * How many of the program's lines are done once the first {@code n} lines of {@link #lines()} are: the
     * preamble's lines are not the program's, so they count as the {@code executed} lines before them.
     */
    public int programLines(int n) {
        return n <= preamble.size() ? executed : executed + n - preamble.size();
    }
}
