package org.plotter.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;

/**
 * A job in a session's queue: before it starts, pause and cancel are remembered (a cancelled job never
 * starts); once the driver has started it, they go to the driver's job. Its result is the driver's, or
 * why it never started.
 */
final class QueuedJob implements PlotJob {
    /** Starts the driver's job on the session's connection. */
    @FunctionalInterface
    interface Starter {
        PlotJob start() throws IOException, InterruptedException;
    }

    /**
     * What a durable job does when a run of it lost the machine: the next run, on the machine found again,
     * or empty to end with that failure. Runs on the queue thread.
     */
    @FunctionalInterface
    interface CarryOn {
        Optional<PlotJob> next(JobResult.JobFailure failure) throws InterruptedException;
    }

    /** A job that ends as its one run does. */
    static final CarryOn ONE_RUN = failure -> Optional.empty();

    /** How long the queue thread waits on a driver's job before asking again: drivers bound their own waits. */
    private static final Duration POLL = Duration.ofMinutes(10);

    private final String port;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private PlotJob job;
    private boolean cancelled;
    private boolean paused;
    private boolean pauseAtPenUp;

    QueuedJob(String port) {
        this.port = port;
    }

    /**
     * Runs the job on the queue thread, unless it was cancelled while it waited; returns when it has ended.
     * While a run ends having lost the machine, {@code carryOn} may start the next; {@code ending} hears the
     * job's result before anyone awaiting it does.
     */
    void run(Starter starter, CarryOn carryOn, Consumer<JobResult> ending) {
        PlotJob started;
        synchronized (this) {
            if (cancelled) {
                result.complete(notStarted(JobResult.Outcome.CANCELLED, null, "cancelled before it started"));
                return;
            }
        }
        try {
            started = starter.start();
        } catch (IOException e) {
            result.complete(notStarted(JobResult.Outcome.FAILED, JobResult.JobFailure.CONNECTION_LOST,
                    "cannot open " + port + ": " + e.getMessage()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(notStarted(JobResult.Outcome.CANCELLED, null, "the session ended"));
            return;
        } catch (RuntimeException e) {
            result.complete(notStarted(JobResult.Outcome.FAILED, "not started", String.valueOf(e.getMessage())));
            return;
        }
        JobResult ended;
        try {
            ended = toTheEnd(started);
            while (ended.failure().filter(JobResult.JobFailure::resumable).isPresent() && !cancelled()) {
                Optional<PlotJob> next = carryOn.next(ended.failure().get());
                if (next.isEmpty()) {
                    break;
                }
                ended = toTheEnd(next.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelRunning();
            ended = notStarted(JobResult.Outcome.CANCELLED, null, "the session ended");
        }
        try {
            ending.accept(ended);
        } finally {
            result.complete(ended);
        }
    }

    /** Hands pause and cancel to {@code run} (what was asked before it started too) and waits for it to end. */
    private JobResult toTheEnd(PlotJob run) throws InterruptedException {
        synchronized (this) {
            job = run;
            if (cancelled) {
                run.cancel();
            } else if (pauseAtPenUp) {
                run.pauseAtPenUp();
            } else if (paused) {
                run.pause();
            }
        }
        JobResult ended;
        do {
            ended = run.await(POLL);
        } while (ended.outcome() == JobResult.Outcome.TIMED_OUT);
        return ended;
    }

    private synchronized void cancelRunning() {
        if (job != null) {
            job.cancel();
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** Waits {@code pause} unless the job is cancelled first; returns whether it was. */
    synchronized boolean cancelledWithin(Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + pause.toNanos();
        for (long left = pause.toNanos(); !cancelled && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
        return cancelled;
    }

    /** The result of a job that never got its machine: how, and why ({@code code} null for none). */
    private static JobResult notStarted(JobResult.Outcome outcome, String code, String why) {
        return new JobResult(outcome, 0, code == null ? Optional.empty() : Optional.of(new JobResult.JobFailure(0, "", code, why)),
                Duration.ZERO, Optional.of("not started"));
    }

    /** Whether the job has ended (its result is known), though the queue thread may still be tidying up after it. */
    boolean ended() {
        return result.isDone();
    }

    /** Whether the job ended because the port went away: the session opens it again for what comes next. */
    boolean lostTheMachine() {
        JobResult ended = result.getNow(null);
        return ended != null && ended.failure().map(f -> f.code().equals(JobResult.JobFailure.CONNECTION_LOST)).orElse(false);
    }

    @Override
    public synchronized void pause() {
        if (job != null) {
            job.pause();
        } else {
            paused = true;
        }
    }

    @Override
    public synchronized void pauseAtPenUp() {
        if (job != null) {
            job.pauseAtPenUp();
        } else {
            pauseAtPenUp = true;
        }
    }

    @Override
    public synchronized void resume() {
        if (job != null) {
            job.resume();
        } else {
            paused = false;
            pauseAtPenUp = false;
        }
    }

    @Override
    public synchronized void cancel() {
        cancelled = true;
        notifyAll(); // a durable job waiting to reconnect stops waiting
        if (job != null) {
            job.cancel();
        }
    }

    @Override
    public JobResult await(Duration timeout) throws InterruptedException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new JobResult(JobResult.Outcome.TIMED_OUT, 0, Optional.empty(), timeout, Optional.empty());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // the future is only ever completed with a result
        }
    }
}
