package org.plotter.driver.grbl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.plotter.api.GcodeProgram;
import org.plotter.api.JobEvent;
import org.plotter.api.JobListener;
import org.plotter.api.JobResult;
import org.plotter.api.JobResult.JobFailure;
import org.plotter.api.JobResult.Outcome;
import org.plotter.api.PlotJob;
import org.plotter.api.PlotterConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a program to GRBL by character counting: a line is sent only while the bytes of all
 * unacknowledged lines (each plus its newline) fit the controller's receive buffer; every {@code ok}
 * or {@code error} frees its line's bytes. This keeps GRBL's planner full without ever overflowing
 * its serial buffer. Realtime bytes ({@code ?}, {@code !}, {@code ~}, {@code 0x18}) bypass the count.
 * An {@code error:N} or {@code ALARM:N} stops the job with the offending line and GRBL's explanation.
 */
final class GrblStreamer implements PlotJob {
    static final byte STATUS_QUERY = '?';
    static final byte FEED_HOLD = '!';
    static final byte CYCLE_START = '~';
    static final byte SOFT_RESET = 0x18;
    private static final Logger LOG = LoggerFactory.getLogger(GrblStreamer.class);

    /** Timing: how long to wait for the greeting, and how often to ask for status. */
    record Timing(Duration bannerTimeout, Duration statusInterval) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(3), Duration.ofMillis(200));
    }

    private record Sent(int index, int bytes) {}

    private final PlotterConnection connection;
    private final List<String> lines;
    private final JobListener listener;
    private final int rxBufferBytes;
    private final Timing timing;
    private final Object lock = new Object();
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Instant started = Instant.now();
    private int inFlightBytes;
    private int maxInFlightBytes;
    private int acknowledged;
    private String firmware;
    private String machineState;
    private long statusReports;
    private JobResult result;

    GrblStreamer(PlotterConnection connection, GcodeProgram program, int rxBufferBytes, Timing timing, JobListener listener) {
        this.connection = connection;
        this.lines = program.lines();
        this.listener = listener;
        this.rxBufferBytes = rxBufferBytes;
        this.timing = timing;
    }

    void start() {
        Thread reader = new Thread(this::readReplies, "grbl-reader " + connection.port());
        Thread sender = new Thread(this::stream, "grbl-sender " + connection.port());
        Thread poller = new Thread(this::pollStatus, "grbl-status " + connection.port());
        reader.setDaemon(true);
        sender.setDaemon(true);
        poller.setDaemon(true);
        reader.start();
        sender.start();
        poller.start();
    }

    /** Asks for a status report every interval while the job runs: position, and Run/Hold/Idle for the listener. */
    private void pollStatus() {
        try {
            while (!done.await(timing.statusInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                synchronized (lock) {
                    if (firmware == null) {
                        continue;
                    }
                }
                writeRealtime(STATUS_QUERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The most bytes that were ever unacknowledged at once. */
    int maxInFlightBytes() {
        synchronized (lock) {
            return maxInFlightBytes;
        }
    }

    @Override
    public void pause() {
        writeRealtime(FEED_HOLD);
        listener.onEvent(new JobEvent.Paused());
    }

    @Override
    public void resume() {
        writeRealtime(CYCLE_START);
        listener.onEvent(new JobEvent.Resumed());
    }

    @Override
    public void cancel() {
        // the outcome first: the reset makes GRBL answer ALARM:3, which must not turn this into a failure
        finish(Outcome.CANCELLED, null);
        writeRealtime(FEED_HOLD);
        writeRealtime(SOFT_RESET);
    }

    @Override
    public JobResult await(Duration timeout) throws InterruptedException {
        if (done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            synchronized (lock) {
                return result;
            }
        }
        synchronized (lock) {
            return new JobResult(Outcome.TIMED_OUT, acknowledged, Optional.empty(), Duration.between(started, Instant.now()));
        }
    }

    private void stream() {
        try {
            if (!awaitBanner()) {
                return;
            }
            listener.onEvent(new JobEvent.Connected(firmware));
            if ("Alarm".equals(queryState())) {
                finish(Outcome.FAILED, new JobFailure(0, "", "Alarm",
                        "the machine is locked in an alarm state; home it or unlock it with $X first"));
                return;
            }
            for (int i = 0; i < lines.size(); i++) {
                byte[] bytes = (lines.get(i) + "\n").getBytes(StandardCharsets.US_ASCII);
                if (bytes.length > rxBufferBytes) {
                    finish(Outcome.FAILED, new JobFailure(i + 1, lines.get(i), "too long",
                            "line is longer than the controller's " + rxBufferBytes + "-byte receive buffer"));
                    return;
                }
                synchronized (lock) {
                    while (result == null && inFlightBytes + bytes.length > rxBufferBytes) {
                        lock.wait();
                    }
                    if (result != null) {
                        return;
                    }
                    inFlight.add(new Sent(i, bytes.length));
                    inFlightBytes += bytes.length;
                    maxInFlightBytes = Math.max(maxInFlightBytes, inFlightBytes);
                }
                write(bytes);
            }
            synchronized (lock) {
                while (result == null && !inFlight.isEmpty()) {
                    lock.wait();
                }
            }
            awaitIdle();
            finish(Outcome.COMPLETED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(Outcome.CANCELLED, null);
        } catch (IOException e) {
            finish(Outcome.FAILED, new JobFailure(0, "", "I/O", "lost the connection to " + connection.port() + ": " + e.getMessage()));
        }
    }

    /** Waits for GRBL's greeting; a controller that says nothing is soft-reset once, then given up. */
    private boolean awaitBanner() throws InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (attempt > 0) {
                writeRealtime(SOFT_RESET);
            }
            synchronized (lock) {
                awaitLocked(() -> firmware != null, timing.bannerTimeout());
                if (result != null) {
                    return false;
                }
                if (firmware != null) {
                    return true;
                }
            }
        }
        finish(Outcome.FAILED, new JobFailure(0, "", "no answer",
                "no GRBL greeting on " + connection.port() + " within " + timing.bannerTimeout().toMillis() + " ms, even after a reset"));
        return false;
    }

    /** Asks for one status report and returns the machine state it gives (null if none came). */
    private String queryState() throws InterruptedException {
        long seen;
        synchronized (lock) {
            seen = statusReports;
        }
        writeRealtime(STATUS_QUERY);
        synchronized (lock) {
            awaitLocked(() -> statusReports != seen, timing.bannerTimeout());
            return statusReports == seen ? null : machineState;
        }
    }

    /** Waits until {@code condition} holds, the job ends or {@code timeout} passes. Caller holds the lock. */
    private void awaitLocked(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && result == null && System.nanoTime() < deadline) {
            lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** After the last ok the planner may still be moving: poll until the machine reports Idle. */
    private void awaitIdle() throws InterruptedException {
        while (true) {
            String state = queryState();
            synchronized (lock) {
                if (result != null || "Idle".equals(state)) {
                    return;
                }
            }
            Thread.sleep(timing.statusInterval().toMillis());
        }
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    handle(GrblResponse.parse(line));
                }
            }
            finish(Outcome.FAILED, new JobFailure(0, "", "closed", "the connection to " + connection.port() + " closed"));
        } catch (IOException e) {
            finish(Outcome.FAILED, new JobFailure(0, "", "I/O", "reading from " + connection.port() + " failed: " + e.getMessage()));
        }
    }

    private void handle(GrblResponse reply) {
        LOG.debug("< {}", reply.text());
        switch (reply.kind()) {
            case OK -> {
                int total;
                synchronized (lock) {
                    if (release() == null) {
                        return; // an ok for a command sent before this job (e.g. at connect)
                    }
                    total = ++acknowledged;
                }
                listener.onEvent(new JobEvent.Progress(total, lines.size()));
            }
            case ERROR -> {
                Sent failed;
                synchronized (lock) {
                    failed = release();
                }
                writeRealtime(FEED_HOLD);
                int index = failed == null ? -1 : failed.index();
                finish(Outcome.FAILED, new JobFailure(index + 1, index < 0 ? "" : lines.get(index), reply.text(), GrblCodes.error(reply.code())));
            }
            case ALARM -> {
                Sent current;
                synchronized (lock) {
                    current = inFlight.peek();
                }
                int index = current == null ? -1 : current.index();
                finish(Outcome.FAILED, new JobFailure(index + 1, index < 0 ? "" : lines.get(index), reply.text(), GrblCodes.alarm(reply.code())));
            }
            case STATUS -> {
                synchronized (lock) {
                    machineState = reply.state();
                    statusReports++;
                    lock.notifyAll();
                }
                listener.onEvent(new JobEvent.Status(reply.state(), reply.x(), reply.y()));
            }
            case BANNER -> {
                synchronized (lock) {
                    if (firmware == null) {
                        firmware = reply.firmware();
                        lock.notifyAll();
                        return;
                    }
                }
                finish(Outcome.FAILED, new JobFailure(0, "", "reset", "the controller restarted during the job"));
            }
            case MESSAGE, OTHER -> LOG.info("{}: {}", connection.port(), reply.text());
        }
    }

    /** Frees the oldest line's bytes; null if nothing was in flight. Caller holds the lock. */
    private Sent release() {
        Sent head = inFlight.poll();
        if (head != null) {
            inFlightBytes -= head.bytes();
            lock.notifyAll();
        }
        return head;
    }

    private void finish(Outcome outcome, JobFailure failure) {
        JobResult finished;
        synchronized (lock) {
            if (result != null) {
                return;
            }
            result = new JobResult(outcome, acknowledged, Optional.ofNullable(failure), Duration.between(started, Instant.now()));
            finished = result;
            lock.notifyAll();
        }
        done.countDown();
        listener.onEvent(new JobEvent.Finished(finished));
    }

    private void write(byte[] bytes) throws IOException {
        synchronized (connection) {
            connection.output().write(bytes);
            connection.output().flush();
        }
    }

    private void writeRealtime(byte b) {
        try {
            write(new byte[] {b});
        } catch (IOException e) {
            LOG.warn("could not send realtime command 0x{} to {}: {}", Integer.toHexString(b), connection.port(), e.getMessage());
        }
    }
}
