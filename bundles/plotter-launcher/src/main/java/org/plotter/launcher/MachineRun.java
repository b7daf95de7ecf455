package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;
import org.plotter.api.machine.PortInfo;

/**
 * One program on one machine, from the command line. Ctrl-C or SIGTERM cancels the job (the driver
 * stops the machine and lifts the pen) and the JVM waits, for a bounded time, until the command has
 * kept its record ({@link #close}), so an interrupted plot is never silent and never leaves the pen down.
 */
final class MachineRun implements AutoCloseable {
    /** How long the JVM may wait at a signal for the job to stop and the record to be written. */
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(20);
    /** How long a cancelled job may take to leave the machine safe. */
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);

    /** How the job ended, what the machine did, and whether a signal (or the operator after Ctrl-C) stopped it. */
    record Outcome(JobResult result, Optional<ExecutionRecord> record, boolean signalled) {}

    /**
     * How a job that lost its machine goes on: the port is opened again (or the port with the same USB serial
     * number, should the system have renamed it) with growing pauses for up to {@code giveUpAfter}, then the
     * job continues from where the machine stopped.
     */
    record Reconnection(ConnectionFactory ports, String port, Map<String, String> settings, Optional<String> serialNumber,
                        JobContinuation continuation, Duration giveUpAfter, PrintWriter err) {}

    private static final Duration FIRST_RETRY = Duration.ofMillis(500), LONGEST_RETRY = Duration.ofSeconds(8);

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

    private MachineRun(PlotterConnection connection, PlotJob job, JobListener listener, OperatorPrompt operator, boolean interactive) {
        this.connection = connection;
        this.job = job;
        this.listener = listener;
        this.operator = operator;
        this.interactive = interactive;
        this.onSignal = new Thread(this::stopOnSignal, "plotter-signal");
        Runtime.getRuntime().addShutdownHook(onSignal);
    }

    /**
     * Opens the port, runs {@code announce} (the port is good: say what is about to happen) and starts the
     * job; {@code operator} answers its program pauses (pen changes). {@code interactive} (at a terminal):
     * Ctrl-C pauses the job and the operator is asked whether to resume or abort; otherwise it stops safely.
     */
    static MachineRun start(ConnectionFactory ports, String port, PlotterDriver driver, GcodeProgram program,
                            FirmwareProfile profile, JobListener listener, OperatorPrompt operator, Runnable announce,
                            boolean interactive) throws IOException, InterruptedException {
        return start(ports, port, profile, (connection, events) -> driver.start(connection, program, profile, events),
                listener, operator, announce, interactive);
    }

    /** What starts the job once the port is open: a new program, or the rest of an interrupted one. */
    @FunctionalInterface
    interface JobStarter {
        PlotJob start(PlotterConnection connection, JobListener listener) throws IOException, InterruptedException;
    }

    /** As above, with the job started by {@code starter}. */
    static MachineRun start(ConnectionFactory ports, String port, FirmwareProfile profile, JobStarter starter, JobListener listener,
                            OperatorPrompt operator, Runnable announce, boolean interactive) throws IOException, InterruptedException {
        PlotterConnection connection;
        try {
            connection = ports.open(port, profile.protocol().portSettings());
        } catch (IOException e) {
            throw new IOException("cannot open port " + port + ": " + OutputFiles.reason(e), e);
        }
        try {
            announce.run();
            JobListener both = event -> {
                listener.onEvent(event);
                operator.onEvent(event);
            };
            MachineRun run = new MachineRun(connection, starter.start(connection, both), both, operator, interactive);
            run.watch();
            return run;
        } catch (RuntimeException | IOException | InterruptedException e) {
            connection.close();
            throw e;
        }
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
        return new Outcome(result, connection.executionRecord(), signalled);
    }

    /**
     * Opens the port again, with pauses growing from half a second to eight, until the machine answers and
     * the job continues, or {@link Reconnection#giveUpAfter} passes. Says what happens, a line a step.
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
        boolean sameConnection = why.connectionKept();
        long started = System.nanoTime(), deadline = started + how.giveUpAfter().toNanos();
        Duration pause = FIRST_RETRY;
        String lastProblem = "";
        while (!signalled && System.nanoTime() < deadline) {
            if (!sameConnection) {
                closeQuietly(connection);
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
                Optional<PlotterConnection> reopened = reopen(how);
                if (reopened.isEmpty()) {
                    continue;
                }
                connection = reopened.get();
            }
            try {
                PlotJob continued = how.continuation().start(connection, listener, interruption);
                reconnects++;
                how.err().println("plotter: " + (sameConnection ? "continued" : "reconnected and continued") + " after "
                        + Summaries.time(Duration.ofNanos(System.nanoTime() - started)));
                how.err().flush();
                return Optional.of(continued);
            } catch (IOException e) {
                lastProblem = e.getMessage();
                // try the port afresh; the controller's alarm is no longer known to be from the reset
                interruption = new JobContinuation.Interruption(false, interruption.fate());
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

    /** The same port, or the port that now has the machine's USB serial number; empty while neither opens. */
    private static Optional<PlotterConnection> reopen(Reconnection how) {
        try {
            return Optional.of(how.ports().open(how.port(), how.settings()));
        } catch (IOException e) {
            if (how.serialNumber().isPresent()) {
                for (PortInfo info : how.ports().ports()) {
                    if (info.serialNumber().equals(how.serialNumber()) && !info.port().equals(how.port())) {
                        try {
                            return Optional.of(how.ports().open(info.port(), how.settings()));
                        } catch (IOException notYet) {
                            // try again after the next pause
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static void closeQuietly(PlotterConnection c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // it is gone already
        }
    }

    /** The record is kept: a pending signal may let the JVM exit now. */
    @Override
    public void close() throws IOException {
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
        connection.close();
    }
}
