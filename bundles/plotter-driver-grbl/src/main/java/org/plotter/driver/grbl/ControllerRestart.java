package org.plotter.driver.grbl;

import java.time.Duration;
import org.plotter.api.machine.JobResult.JobFailure;

/**
 * What a GRBL job knows once its controller was reset or alarmed under it. The planner is gone, so a status
 * report's free blocks no longer say which acknowledged lines ran. And after a restart (a greeting in the job,
 * not the stop's own reset) the replies that follow answer lines that reached GRBL after it: none of the lines
 * in flight before. GRBL in its alarm refuses them; GRBL restarted while idle runs them, out of their place in
 * the program. Not thread-safe: the streamer holds its lock.
 */
final class ControllerRestart {
    /** After a greeting in the job, until the stop's own reset greets. */
    private boolean restarted;
    /** The stop's own soft reset was sent: the greeting that follows is not a restart. */
    private boolean ownReset;
    /** An alarm or a reset (the stop's own too) has cleared GRBL's planner. */
    private boolean plannerCleared;
    private int ranOutOfPlace;
    /** When the last reply to a line came after the restart, or its greeting. */
    private long lastReplyNanos;

    /**
     * A greeting: the handshake's ({@code handshake}), the one after leaving check mode, the stop's own
     * reset's, or the controller restarting under the job. True for the last.
     */
    boolean greeted(boolean handshake, boolean leavingCheckMode) {
        restarted = false;
        if (handshake) {
            return false;
        }
        plannerCleared = true;
        if (ownReset || leavingCheckMode) {
            return false;
        }
        restarted = true;
        lastReplyNanos = System.nanoTime();
        return true;
    }

    /** An alarm: GRBL stops and clears its planner. */
    void alarmed() {
        plannerCleared = true;
    }

    /** The stop's own soft reset is about to go out: a report right after it must not count the cleared planner as run. */
    void resetting() {
        ownReset = true;
        plannerCleared = true;
    }

    /**
     * An {@code ok} ({@code ran}) or an error. True if it answers a line GRBL took after restarting (counted
     * here), so it is none of the job's.
     */
    boolean answeredAfterRestart(boolean ran) {
        if (!restarted) {
            return false;
        }
        if (ran) {
            ranOutOfPlace++;
        }
        lastReplyNanos = System.nanoTime();
        return true;
    }

    boolean restarted() {
        return restarted;
    }

    /** Whether status reports may still tell which lines ran (no alarm or reset has cleared the planner). */
    boolean plannerIntact() {
        return !plannerCleared;
    }

    /** No reply to a line has come for {@code quiet} since the restart's greeting. */
    boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastReplyNanos > quiet.toNanos();
    }

    /**
     * {@code failure}, or, for a restart after which GRBL ran lines still on their way to it, why the job cannot
     * be continued: they ran from its fresh state before the hold that followed the greeting could stop them,
     * so the machine's position no longer says how far the drawing got.
     */
    JobFailure finalFailure(JobFailure failure) {
        if (ranOutOfPlace == 0 || failure == null || !failure.code().equals(JobFailure.MACHINE_RESET)) {
            return failure;
        }
        return new JobFailure(failure.lineNumber(), failure.line(), JobFailure.RAN_OUT_OF_PLACE, failure.message() + ", then took "
                + ranOutOfPlace + " line(s) still on their way to it, out of their place in the program: where the drawing"
                + " stopped cannot be read from the machine's position, so the job cannot be continued");
    }
}
