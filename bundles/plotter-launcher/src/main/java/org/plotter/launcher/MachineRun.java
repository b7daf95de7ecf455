package org.plotter.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plotter.api.machine.DurableJob;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;

/**
 * One durable job from the command line, on a machine session (which journals it and carries it across a
 * lost machine). This adds what a person at a terminal needs: Ctrl-C or SIGTERM cancels the job (the driver
 * stops the machine and lifts the pen) and the JVM waits, for a bounded time, until the command has kept its
 * record ({@link #close}), so an interrupted plot is never silent and never leaves the pen down; a bound on
 * the whole job; the operator's answers to program pauses.
 */
final class MachineRun implements AutoCloseable {
    /** How long the JVM may wait at a signal for the job to stop and the record to be written. */
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(20);
    /** How long a cancelled job may take to leave the machine safe. */
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);

    /** How the job ended, what the machine did, and whether a signal (or the operator after Ctrl-C) stopped it. */
    record Outcome(JobResult result, Optional<ExecutionRecord> record, boolean signalled) {}

    /** Starts the job with the listener it is to report to: {@code MachineSession.plot} or {@code resume}. */
    @FunctionalInterface
    interface JobStart {
        DurableJob start(JobListener listener) throws IOException, InterruptedException;
    }

    private final DurableJob job;
    private final CountDownLatch recorded = new CountDownLatch(1);
    private final Thread onSignal;
    private volatile boolean signalled;
    private CtrlC ctrlC;

    private MachineRun(DurableJob job) {
        this.job = job;
        this.onSignal = new Thread(this::stopOnSignal, "plotter-signal");
    }

    /**
     * Starts the job; {@code announce} runs before its first event (what is about to happen, said once the
     * port has opened and before the machine moves). {@code operator} answers its program pauses (pen changes).
     * {@code interactive} (at a terminal): Ctrl-C pauses the job and the operator is asked whether to resume or
     * abort; otherwise it stops safely.
     */
    static MachineRun start(JobStart start, JobListener listener, OperatorPrompt operator, Runnable announce, boolean interactive)
            throws IOException, InterruptedException {
        AtomicBoolean announced = new AtomicBoolean();
        DurableJob job = start.start(event -> {
            if (!announced.getAndSet(true)) {
                announce.run();
            }
            listener.onEvent(event);
            operator.onEvent(event);
        });
        MachineRun run = new MachineRun(job);
        Runtime.getRuntime().addShutdownHook(run.onSignal);
        operator.attach(job);
        if (interactive) {
            run.ctrlC = CtrlC.install(job, operator, () -> run.signalled = true);
        }
        return run;
    }

    /** The job's journal ({@code plotter resume ID}), if it keeps one. */
    Optional<String> journal() {
        return job.journal();
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
        return new Outcome(result, job.executionRecord(), signalled);
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
