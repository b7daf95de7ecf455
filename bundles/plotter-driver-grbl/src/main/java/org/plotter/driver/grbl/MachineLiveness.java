package org.plotter.driver.grbl;

import java.time.Duration;

/**
 * Whether a GRBL controller is still doing its part, from what it says: any byte at all (it answers
 * {@code ?} even when busy), {@code ok}s while lines are pending, and movement in its status reports
 * while it reports Run. Not thread-safe: the streamer calls it under its lock.
 */
final class MachineLiveness {
    /** What {@link #check} concluded. */
    enum Verdict { ALIVE, SILENT, REPLY_LOST, STALLED }

    /** Idle reports in a row after the last ok that show the machine has finished everything it acknowledged. */
    static final int IDLE_REPORTS_TO_TRUST = 2;

    private long lastReply = System.nanoTime();
    private long lastAck = System.nanoTime();
    private long lastMove = System.nanoTime();
    private int idleReportsSinceAck;
    private GrblStatus last;

    void heard() {
        lastReply = System.nanoTime();
    }

    void acknowledged() {
        lastAck = System.nanoTime();
        idleReportsSinceAck = 0;
    }

    void reported(GrblStatus status) {
        if (last == null || status.x() != last.x() || status.y() != last.y() || status.z() != last.z()) {
            lastMove = System.nanoTime();
        }
        idleReportsSinceAck = status.state().equals("Idle") ? idleReportsSinceAck + 1 : 0;
        last = status;
    }

    /** After a feed hold ends, the time held does not count as a stall, a lost reply or silence. */
    void resumed() {
        lastAck = lastMove = lastReply = System.nanoTime();
    }

    /** Idle long enough after the last ok to have executed everything acknowledged. */
    boolean settledIdle() {
        return idleReportsSinceAck >= IDLE_REPORTS_TO_TRUST;
    }

    Verdict check(GrblTiming timing, boolean paused, boolean linesPending) {
        long now = System.nanoTime();
        if (now - lastReply > timing.silence().toNanos()) {
            return Verdict.SILENT;
        }
        if (!paused && linesPending && settledIdle() && now - lastAck > timing.lostReply().toNanos()) {
            return Verdict.REPLY_LOST;
        }
        if (!paused && last != null && last.state().equals("Run") && now - lastMove > timing.stall().toNanos()) {
            return Verdict.STALLED;
        }
        return Verdict.ALIVE;
    }

    static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
