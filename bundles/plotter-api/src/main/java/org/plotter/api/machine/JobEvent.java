package org.plotter.api.machine;

/** What happens during a plot job. */
public sealed interface JobEvent {
    /** The machine answered; {@code firmware} is its greeting, e.g. {@code Grbl 1.1h}. */
    record Connected(String firmware) implements JobEvent {}

    /**
     * The first {@code lines} program lines have been, or are about to be, written to the machine: the event
     * comes before the bytes, so a listener that records it first (a job journal) never counts fewer lines
     * than the machine may have received.
     */
    record Sent(int lines) implements JobEvent {}

    /**
     * The machine has executed (not only accepted) at least the first {@code lines} program lines: what a
     * resume may skip. A lower bound, from what the firmware reports (GRBL's planner blocks, Marlin's
     * {@code M400}); the machine may be further on.
     */
    record Executed(int lines) implements JobEvent {}

    /** {@code acknowledged} of {@code total} program lines were accepted by the machine. */
    record Progress(int acknowledged, int total) implements JobEvent {}

    /** A status report: machine state (Idle, Run, Hold, Alarm...) and position in mm. */
    record Status(String state, double x, double y) implements JobEvent {}

    record Paused() implements JobEvent {}
    /**
     * The machine has said nothing for {@code silentFor} while it had work: the job has paused itself (no more
     * lines are sent; a feed hold is asked for in case only the answers are lost) at 1-based program
     * {@code line}. {@link PlotJob#resume} goes on once it answers, {@link PlotJob#cancel} stops safely; the
     * job's journal keeps what ran, so an abandoned job can be resumed later.
     */
    record MachineSilent(java.time.Duration silentFor, int line) implements JobEvent {}

    /**
     * The program paused itself ({@code M0}, e.g. for a pen change) at 1-based {@code line} and waits
     * for the operator: {@link PlotJob#resume} continues, {@link PlotJob#cancel} stops safely.
     * {@code message} is the line's comment (what to do), empty if it has none.
     */
    record ProgramPause(int line, String message) implements JobEvent {}

    record Resumed() implements JobEvent {}

    /**
     * Something the operator should read that is not a number: a durable job lost its machine and is
     * reconnecting, continued, or found where the machine stopped. One sentence, without a prefix.
     */
    record Notice(String message) implements JobEvent {}

    record Finished(JobResult result) implements JobEvent {}
}
