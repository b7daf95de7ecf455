package org.plotter.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.plotter.api.InvalidInputException;
import org.plotter.api.machine.DurableJob;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;

/**
 * A durable job in a session's queue: its runs' events go to its journal first (written ahead of the
 * bytes), then to everyone listening; a run that lost the machine is followed, on the queue thread, by
 * the rest of the program once the machine answers again (the port opened again with pauses growing from
 * half a second to eight, for up to the job's {@code reconnectFor}). Listeners hear one
 * {@link JobEvent.Finished}, the job's, not one per run.
 */
final class DurableRun implements DurableJob, QueuedJob.CarryOn {
    private static final Duration FIRST_RETRY = Duration.ofMillis(500), LONGEST_RETRY = Duration.ofSeconds(8);

    /**
     * The session's port, as the queue thread holds it: {@code turns} gives a turn on the connection (opened
     * now if it is not) and says so if it will not open; {@code drop} closes it, so the next turn opens it afresh.
     */
    record Port(String name, JobContinuation.Turns turns, Runnable drop) {}

    private final QueuedJob queued;
    private final Optional<JobJournal> journal;
    private final Optional<JobContinuation> continuation;
    private final Duration reconnectFor;
    private final Port port;
    /** Delivers to the session's listeners and the job's own. */
    private final JobListener everyone;
    private volatile PlotterConnection lastConnection;
    private volatile int reconnects;

    DurableRun(QueuedJob queued, Optional<JobJournal> journal, Optional<JobContinuation> continuation, Duration reconnectFor,
               Port port, JobListener everyone) {
        this.queued = queued;
        this.journal = journal;
        this.continuation = continuation;
        this.reconnectFor = reconnectFor;
        this.port = port;
        this.everyone = everyone;
    }

    /** What a run reports: its own end is not the job's, which {@link #ended} reports. */
    JobListener runEvents() {
        return event -> {
            if (!(event instanceof JobEvent.Finished)) {
                journal.ifPresent(j -> j.onEvent(event));
                everyone.onEvent(event);
            }
        };
    }

    /** Starts a run, taking its turns on the port from {@code turns}. */
    @FunctionalInterface
    interface RunStarter {
        PlotJob start(JobContinuation.Turns turns, JobListener events) throws IOException, InterruptedException;
    }

    /** The first run: {@code starter} on the session's connection. */
    QueuedJob.Starter first(RunStarter starter) {
        return () -> starter.start(this::openNoting, runEvents());
    }

    /** A turn on the port, noted: the simulator's connection keeps a record of what the machine did. */
    private PlotterConnection openNoting() throws IOException {
        PlotterConnection connection = port.turns().open();
        lastConnection = connection;
        return connection;
    }

    /** The job has ended: its one Finished, then the journal is closed. */
    void ended(JobResult result) {
        JobEvent.Finished finished = new JobEvent.Finished(result);
        try {
            journal.ifPresent(j -> j.onEvent(finished));
            everyone.onEvent(finished);
        } finally {
            journal.ifPresent(JobJournal::close);
        }
    }

    /**
     * Opens the port again, with growing pauses, until the machine answers and the rest of the program
     * starts, or {@code reconnectFor} passes, or the job is cancelled. Says what happens, a notice a step.
     */
    @Override
    public Optional<PlotJob> next(JobResult.JobFailure why) throws InterruptedException {
        if (continuation.isEmpty() || reconnectFor.isZero()) {
            return Optional.empty();
        }
        JobContinuation rest = continuation.get();
        notice(why.message() + "; reconnecting to " + port.name() + " for up to " + seconds(reconnectFor));
        JobContinuation.Interruption interruption = JobContinuation.Interruption.of(why);
        // a connection that still works (a reset, a lost reply) is kept; a lost one is opened again
        boolean sameConnection = why.connectionKept();
        if (!sameConnection) {
            port.drop().run();
        }
        long started = System.nanoTime(), deadline = started + reconnectFor.toNanos();
        Duration pause = FIRST_RETRY;
        String lastProblem = "";
        while (System.nanoTime() < deadline) {
            if (!sameConnection) {
                if (queued.cancelledWithin(pause)) {
                    return Optional.empty();
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
            }
            boolean[] reached = {false};
            try {
                PlotJob continued = rest.start(() -> {
                    PlotterConnection turn = openNoting();
                    reached[0] = true;
                    return turn;
                }, runEvents(), interruption);
                reconnects++;
                notice((sameConnection ? "continued" : "reconnected and continued") + " after "
                        + seconds(Duration.ofNanos(System.nanoTime() - started)));
                return Optional.of(continued);
            } catch (IOException e) {
                lastProblem = e.getMessage();
                if (sameConnection) {
                    // said, since what follows opens the port afresh, which may restart the machine
                    notice("the machine did not answer as expected (" + lastProblem + "); opening " + port.name() + " again");
                }
                if (reached[0]) {
                    // the port opened but the machine did not settle: try it afresh; its alarm is no longer known to be from the reset
                    interruption = new JobContinuation.Interruption(false, interruption.fate());
                }
                port.drop().run();
                sameConnection = false;
            } catch (InvalidInputException e) {
                notice("cannot continue the job: " + e.getMessage());
                return Optional.empty();
            }
            if (queued.cancelled()) {
                return Optional.empty();
            }
        }
        notice("gave up reconnecting to " + port.name() + (lastProblem.isEmpty() ? "" : " (" + lastProblem + ")")
                + journal.map(j -> "; 'plotter resume " + j.id() + "' continues the job later").orElse(""));
        return Optional.empty();
    }

    private void notice(String message) {
        everyone.onEvent(new JobEvent.Notice(message));
    }

    /** As the command line says durations: 42s, 3m05s. */
    private static String seconds(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s >= 60 ? String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public Optional<String> journal() {
        return journal.map(JobJournal::id);
    }

    @Override
    public int reconnects() {
        return reconnects;
    }

    @Override
    public Optional<ExecutionRecord> executionRecord() {
        PlotterConnection last = lastConnection;
        return last == null ? Optional.empty() : last.executionRecord();
    }

    @Override
    public void pause() {
        queued.pause();
    }

    @Override
    public void pauseAtPenUp() {
        queued.pauseAtPenUp();
    }

    @Override
    public void resume() {
        queued.resume();
    }

    @Override
    public void cancel() {
        queued.cancel();
    }

    @Override
    public JobResult await(Duration timeout) throws InterruptedException {
        return queued.await(timeout);
    }
}
