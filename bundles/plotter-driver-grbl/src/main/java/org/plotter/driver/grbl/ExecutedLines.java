package org.plotter.driver.grbl;

import java.util.List;
import java.util.Locale;
import org.plotter.api.gcode.GcodeProgram;

/**
 * Which acknowledged lines GRBL has run: an {@code ok} means a line is parsed and its move is in the
 * planner, not that it ran. A status report's {@code Bf:} gives the planner blocks free; the blocks in
 * use are the last acknowledged moves, still queued or running. Counting every line that names an axis
 * as one block errs towards fewer lines run (a zero-length move takes no block), which is the safe side
 * for a resume. An Idle report says that everything acknowledged has run only with the planner empty: GRBL
 * fills its planner from a full receive buffer before it starts the cycle, and may report Idle meanwhile
 * (its {@code mc_line} checks realtime commands, a status query among them, before starting a full planner).
 * Without {@code Bf:} an Idle report is all there is to go by.
 */
final class ExecutedLines {
    private final boolean[] move;
    /** The planner's size: the blocks free in an Idle report; 0 until one came. */
    private int plannerBlocks;

    ExecutedLines(List<String> lines) {
        move = new boolean[lines.size()];
        for (int i = 0; i < move.length; i++) {
            String code = GcodeProgram.withoutComments(lines.get(i)).toUpperCase(Locale.ROOT);
            move[i] = !code.startsWith("$") && code.matches(".*[XYZ]\\s*[-+.0-9].*");
        }
    }

    /** How many lines have surely run, given a report that came after {@code acknowledged} oks; 0 if unknown. */
    int after(GrblStatus report, int acknowledged) {
        if (report.state().equals("Idle")) {
            report.plannerBlocksFree().ifPresent(free -> plannerBlocks = Math.max(plannerBlocks, free));
            if (report.plannerBlocksFree().orElse(plannerBlocks) >= plannerBlocks) {
                return acknowledged;
            }
        }
        if (report.plannerBlocksFree().isEmpty() || plannerBlocks == 0) {
            return 0;
        }
        int free = report.plannerBlocksFree().getAsInt();
        int queued = plannerBlocks - free;
        int line = acknowledged;
        while (queued > 0 && line > 0) {
            if (move[--line]) {
                queued--;
            }
        }
        // the earliest queued move and every line after it may not have run
        return queued > 0 ? 0 : line;
    }
}
