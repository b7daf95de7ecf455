package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.MachineSession;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;

/**
 * One program on one machine, from the command line, through the machine's session (the configured one of
 * the port, or one made for the command): the session owns the port and opens it again after an unplug.
 * Ctrl-C or SIGTERM cancels the job (the driver stops the machine and lifts the pen) and the JVM waits, for
 * a bounded time, until the command has kept its record ({@link #close}), so an interrupted plot is never
 * silent and never leaves the pen down.
 */
final class MachineRun implements AutoCloseable {
    /** How long the JVM may wait at a signal for the job to stop and the record to be written. */
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(20);
    /** How long a cancelled job may take to leave the machine safe. */
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);

    /** How the job ended, what the machine did, and whether a signal (or the operator after Ctrl-C) stopped it. */
    record Outcome(JobResult result, Optional<ExecutionRecord> record, boolean signalled) {}

    /**
     * How a job that lost its machine goes on: the session opens the port again (or the port with the same USB
     * serial number) with growing pauses for up to {@code giveUpAfter}, then the job continues from where the
     * machine stopped.
     */
    record Reconnection(String port, JobContinuation continuation, Duration giveUpAfter, PrintWriter err) {}

    private static final Duration FIRST_RETRY = Duration.ofMillis(500), LONGEST_RETRY = Duration.ofSeconds(8);

    private final MachineSession session;
    /** The connection the job last started on: the simulator's keeps a record of what the machine did. */
    private volatile PlotterConnection connection;
    private volatile PlotJob job;
    private final JobListener listener;
    private final OperatorPrompt operator;
    private final boolean interactive;
    private Reconnection reconnection;
    private int reconnects;
    private final CountDownLatch recorded = new CountDownLatch(1);
    private final Thread onSignal;
    private volatile boolean signalled;
    private CtrlC ctrlC;

    private MachineRun(MachineSession session, JobListener listener, OperatorPrompt operator, boolean interactive) {
        this.session = session;
        this.listener = listener;
        this.operator = operator;
        this.interactive = interactive;
        this.onSignal = new Thread(this::stopOnSignal, "plotter-signal");
    }

    /**
     * Starts {@code program} on the session's machine; {@code announce} runs once the port is open (say what is
     * about to happen). {@code operator} answers its program pauses (pen changes). {@code interactive} (at a
     * terminal): Ctrl-C pauses the job and the operator is asked whether to resume or abort; otherwise it stops safely.
     */
    static MachineRun start(MachineSession session, PlotterDriver driver, GcodeProgram program, FirmwareProfile profile, JobListener listener,
                            OperatorPrompt operator, Runnable announce, boolean interactive) throws IOException, InterruptedException {
        return start(session, (connection, events) -> driver.start(connection, program, profile, events), listener, operator, announce, interactive);
    }

    /** As above, with the job started by {@code starter}: a new program, or the rest of an interrupted one. */
    static MachineRun start(MachineSession session, MachineSession.JobStarter starter, JobListener listener, OperatorPrompt operator,
                            Runnable announce, boolean interactive) throws IOException, InterruptedException {
        JobListener both = event -> {
            listener.onEvent(event);
            operator.onEvent(event);
        };
        MachineRun run = new MachineRun(session, both, operator, interactive);
        run.job = session.start(run.keepingConnection((connection, events) -> {
            announce.run();
            return starter.start(connection, events);
        }, null), both);
        Runtime.getRuntime().addShutdownHook(run.onSignal);
        run.watch();
        return run;
    }

    /** {@code starter}, noting the connection it is given (and, when {@code reached} is not null, that it was). */
    private MachineSession.JobStarter keepingConnection(MachineSession.JobStarter starter, boolean[] reached) {
        return (opened, events) -> {
            connection = opened;
            if (reached != null) {
                reached[0] = true;
            }
            return starter.start(opened, events);
        };
    }

    /** A job that lost its machine continues when the machine answers again, as {@code reconnection} says. */
    MachineRun reconnecting(Reconnection how) {
        this.reconnection = how;
        return this;
    }

    /** How many times the machine was reconnected and the job continued. */
    int reconnects() {
        return reconnects;
    }

    private void watch() {
        operator.attach(job);
        if (interactive) {
            ctrlC = CtrlC.install(job, operator, () -> signalled = true);
        }
    }

    private void stopOnSignal() {
        signalled = true;
        job.cancel();
        try {
            recorded.await(SIGNAL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the job; past {@code timeout} it is cancelled, and the result says it timed out. */
    Outcome await(Duration timeout) throws InterruptedException {
        JobResult result = job.await(timeout);
        while (reconnection != null && !signalled && result.failure().map(JobResult.JobFailure::resumable).orElse(false)) {
            Optional<PlotJob> continued = reconnect(result.failure().get());
            if (continued.isEmpty()) {
                break;
            }
            job = continued.get();
            watch();
            result = job.await(timeout);
        }
        if (result.outcome() == JobResult.Outcome.TIMED_OUT) {
            job.cancel();
            JobResult stopped = job.await(CANCEL_TIMEOUT);
            result = new JobResult(JobResult.Outcome.TIMED_OUT, stopped.linesAcknowledged(), result.failure(),
                    stopped.elapsed(), stopped.machineLeft());
        }
        PlotterConnection last = connection;
        return new Outcome(result, last == null ? Optional.empty() : last.executionRecord(), signalled);
    }

    /**
     * Has the session open the port again, with pauses growing from half a second to eight, until the machine
     * answers and the job continues, or {@link Reconnection#giveUpAfter} passes. Says what happens, a line a step.
     */
    private Optional<PlotJob> reconnect(JobResult.JobFailure why) throws InterruptedException {
        Reconnection how = reconnection;
        how.err().println("plotter: " + why.message() + "; reconnecting to " + how.port() + " for up to " + Summaries.time(how.giveUpAfter()));
        how.err().flush();
        if (ctrlC != null) {
            ctrlC.uninstall();
            ctrlC = null;
        }
        JobContinuation.Interruption interruption = JobContinuation.Interruption.of(why);
        // the session keeps a connection that still works (a reset, a lost reply) and opens a lost one again
        boolean sameConnection = why.connectionKept();
        long started = System.nanoTime(), deadline = started + how.giveUpAfter().toNanos();
        Duration pause = FIRST_RETRY;
        String lastProblem = "";
        while (!signalled && System.nanoTime() < deadline) {
            if (!sameConnection) {
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
            }
            boolean[] reached = {false};
            JobContinuation.Interruption now = interruption;
            try {
                PlotJob continued = session.start(keepingConnection((c, events) -> how.continuation().start(c, events, now), reached), listener);
                reconnects++;
                how.err().println("plotter: " + (sameConnection ? "continued" : "reconnected and continued") + " after "
                        + Summaries.time(Duration.ofNanos(System.nanoTime() - started)));
                how.err().flush();
                return Optional.of(continued);
            } catch (IOException e) {
                lastProblem = e.getMessage();
                if (reached[0]) {
                    // the port opened but the machine did not settle: try it afresh; its alarm is no longer known to be from the reset
                    interruption = new JobContinuation.Interruption(false, interruption.fate());
                }
                sameConnection = false;
            } catch (InvalidInputException e) {
                how.err().println("plotter: cannot continue the job: " + e.getMessage());
                return Optional.empty();
            }
        }
        how.err().println("plotter: gave up reconnecting to " + how.port() + (lastProblem.isEmpty() ? "" : " (" + lastProblem + ")")
                + "; 'plotter resume " + how.continuation().journal().id() + "' continues the job later");
        return Optional.empty();
    }

    /** The record is kept: a pending signal may let the JVM exit now. The session's lease closes the port. */
    @Override
    public void close() {
        if (ctrlC != null) {
            ctrlC.uninstall();
        }
        recorded.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }
}
