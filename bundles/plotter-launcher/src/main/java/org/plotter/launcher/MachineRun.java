package org.plotter.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;

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

    private final PlotterConnection connection;
    private final PlotJob job;
    private final CountDownLatch recorded = new CountDownLatch(1);
    private final Thread onSignal;
    private volatile boolean signalled;
    private CtrlC ctrlC;

    private MachineRun(PlotterConnection connection, PlotJob job) {
        this.connection = connection;
        this.job = job;
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
                            boolean interactive) throws IOException {
        PlotterConnection connection;
        try {
            connection = ports.open(port, PortSettings.of(profile));
        } catch (IOException e) {
            throw new IOException("cannot open port " + port + ": " + OutputFiles.reason(e), e);
        }
        try {
            announce.run();
            PlotJob job = driver.start(connection, program, profile, event -> {
                listener.onEvent(event);
                operator.onEvent(event);
            });
            operator.attach(job);
            MachineRun run = new MachineRun(connection, job);
            if (interactive) {
                run.ctrlC = CtrlC.install(job, operator, () -> run.signalled = true);
            }
            return run;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
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
        if (result.outcome() == JobResult.Outcome.TIMED_OUT) {
            job.cancel();
            JobResult stopped = job.await(CANCEL_TIMEOUT);
            result = new JobResult(JobResult.Outcome.TIMED_OUT, stopped.linesAcknowledged(), result.failure(),
                    stopped.elapsed(), stopped.machineLeft());
        }
        return new Outcome(result, connection.executionRecord(), signalled);
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
