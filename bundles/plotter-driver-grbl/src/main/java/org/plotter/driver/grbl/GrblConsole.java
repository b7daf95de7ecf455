package org.plotter.driver.grbl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.plotter.api.InvalidInputException;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.PlotterConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GRBL one command at a time: a line is sent only when the one before was answered, so character
 * counting is not needed; {@code ?} is a realtime byte, answered by a status report in between.
 */
final class GrblConsole implements MachineConsole {
    private static final Logger LOG = LoggerFactory.getLogger(GrblConsole.class);
    private static final GrblResponse CLOSED = GrblResponse.parse("[closed]");
    private static final Pattern SETTING = Pattern.compile("\\$\\d+=[-+]?[0-9]*\\.?[0-9]+");
    private final PlotterConnection connection;
    private final BlockingQueue<GrblResponse> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean open = true;
    private String firmware;
    private GrblStatus.Offset workOffset;
    /** GRBL sends the work offset at least once in 30 reports. */
    private static final int WORK_OFFSET_REPORTS = 32;
    private static final long SETTLE_POLL_MILLIS = 100;
    /** How long a wait for a reply goes before it asks for a status report. */
    private static final long NUDGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private GrblConsole(PlotterConnection connection) {
        this.connection = connection;
        this.reader = new Thread(new GrblLineReader(connection.input(), () -> open, () -> { }, replies::add,
                reason -> replies.add(CLOSED)), "grbl-console " + connection.port());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A console once the machine has greeted or answered a status query. GRBL answers {@code ?} at any time, in
     * an alarm too; one that stays silent is hung (a soft reset is what brings it back), so it gets one reset
     * and as long again to answer, as a job's handshake gives it.
     */
    static GrblConsole open(PlotterConnection connection, Duration timeout) throws IOException, InterruptedException {
        GrblConsole console = new GrblConsole(connection);
        try {
            if (console.answers(timeout)) {
                return console;
            }
            if (console.open) {
                LOG.info("{}: GRBL did not answer for {}; sending a soft reset", connection.port(), MachineLiveness.seconds(timeout));
                console.realtime(GrblStreamer.SOFT_RESET);
                if (console.answers(timeout)) {
                    return console;
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            console.close();
            throw e;
        }
        boolean closed = !console.open;
        console.close();
        throw new IOException(closed ? "the connection to " + connection.port() + " closed before GRBL answered"
                : "no GRBL answered on " + connection.port() + " within " + MachineLiveness.seconds(timeout) + ", nor after a soft reset");
    }

    /** Asks for status until a report comes (a greeting before it names the firmware), the connection closes or {@code timeout} passes. */
    private boolean answers(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            realtime(GrblStreamer.STATUS_QUERY);
            GrblResponse reply = replies.poll(250, TimeUnit.MILLISECONDS);
            if (reply == CLOSED) {
                open = false;
                return false;
            }
            if (reply != null && reply.kind() == GrblResponse.Kind.BANNER) {
                firmware = reply.firmware();
            } else if (reply != null && reply.kind() == GrblResponse.Kind.STATUS) {
                if (firmware == null) {
                    firmware = "GRBL";
                }
                replies.clear();
                return true;
            }
        }
        return false;
    }

    @Override
    public String firmware() {
        return firmware;
    }

    @Override
    public List<String> send(String command, Duration timeout) throws IOException, InterruptedException {
        replies.clear();
        synchronized (connection) {
            connection.output().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            connection.output().flush();
        }
        List<String> said = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            GrblResponse reply = reply(deadline);
            if (reply == null) {
                throw new IOException("'" + command + "' was not answered within " + MachineLiveness.seconds(timeout));
            }
            switch (reply.kind()) {
                case OK -> {
                    return said;
                }
                case ERROR -> throw new IOException("'" + command + "' refused: " + reply.text() + " " + GrblCodes.error(reply.code()));
                case ALARM -> said.add(reply.text() + " " + GrblCodes.alarm(reply.code()));
                case STATUS -> { } // a report asked for earlier
                default -> {
                    if (reply == CLOSED) {
                        throw new IOException("the connection to " + connection.port() + " closed");
                    }
                    said.add(reply.text());
                }
            }
        }
    }

    @Override
    public JobEvent.Status status(Duration timeout) throws IOException, InterruptedException {
        replies.clear();
        realtime(GrblStreamer.STATUS_QUERY);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            GrblResponse reply = reply(deadline);
            if (reply == null || reply == CLOSED) {
                throw new IOException("no status report from " + connection.port() + " within " + MachineLiveness.seconds(timeout));
            }
            if (reply.kind() == GrblResponse.Kind.STATUS) {
                return toEvent(reply.status().orElseThrow(), 0, 0);
            }
        }
    }

    /**
     * Waits for Idle (or a completed hold), then a soft reset: it drops a partial line left in GRBL's input
     * and whatever was still queued, and on a machine that is not moving GRBL keeps its position and raises
     * no alarm. The position is given in work coordinates, from the machine's and the work offset.
     */
    @Override
    public JobEvent.Status settle(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        GrblStatus now = report(deadline);
        while (!now.state().equals("Idle") && !now.holdComplete() && !now.state().equals("Alarm")) {
            Thread.sleep(SETTLE_POLL_MILLIS);
            now = report(deadline);
        }
        replies.clear();
        realtime(GrblStreamer.SOFT_RESET);
        next(GrblResponse.Kind.BANNER, deadline, "did not greet again after a reset");
        // the offset comes with one report in ten or more: ask until it does (a work position needs none)
        for (int asked = 0; asked < WORK_OFFSET_REPORTS; asked++) {
            now = report(deadline);
            if (!now.machineCoordinates()) {
                return toEvent(now, 0, 0);
            }
            if (now.workOffset().isPresent()) {
                workOffset = now.workOffset().get();
            }
            if (workOffset != null) {
                return toEvent(now, workOffset.x(), workOffset.y());
            }
        }
        throw new IOException("GRBL on " + connection.port() + " reported no work offset (WCO) in " + WORK_OFFSET_REPORTS + " status reports");
    }

    private GrblStatus report(long deadline) throws IOException, InterruptedException {
        replies.clear();
        realtime(GrblStreamer.STATUS_QUERY);
        return next(GrblResponse.Kind.STATUS, deadline, "did not settle: no status report in time").status().orElseThrow();
    }

    /** The next reply of {@code kind}, passing over others; {@code otherwise} says what failed if none comes by {@code deadline}. */
    private GrblResponse next(GrblResponse.Kind kind, long deadline, String otherwise) throws IOException, InterruptedException {
        while (true) {
            GrblResponse reply = reply(deadline);
            if (reply == null || reply == CLOSED) {
                throw new IOException("GRBL on " + connection.port() + " " + otherwise);
            }
            if (reply.kind() == kind) {
                return reply;
            }
        }
    }

    /**
     * The next reply, or null once {@code deadline} passes. While it waits it asks for a status report once a
     * second: GRBL answers one at any time, and senders that poll status all along never meet a link that only
     * passes the machine's answers on when the host writes (GRBL's own simulator on a pseudo-terminal does so).
     */
    private GrblResponse reply(long deadline) throws IOException, InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            GrblResponse reply = replies.poll(Math.min(left, NUDGE_NANOS), TimeUnit.NANOSECONDS);
            if (reply != null) {
                return reply;
            }
            realtime(GrblStreamer.STATUS_QUERY);
        }
    }

    private static JobEvent.Status toEvent(GrblStatus s, double offsetX, double offsetY) {
        return new JobEvent.Status(s.stateName(), s.x() - offsetX, s.y() - offsetY);
    }

    @Override
    public List<String> home(Duration timeout) throws IOException, InterruptedException {
        return send("$H", timeout);
    }

    @Override
    public List<String> unlock(Duration timeout) throws IOException, InterruptedException {
        return send("$X", timeout);
    }

    @Override
    public List<String> settings(Duration timeout) throws IOException, InterruptedException {
        return send("$$", timeout);
    }

    @Override
    public List<String> set(String setting, Duration timeout) throws IOException, InterruptedException {
        if (!SETTING.matcher(setting.strip()).matches()) {
            throw new InvalidInputException("a GRBL setting is $N=VALUE, e.g. $110=5000, got '" + setting + "'");
        }
        return send(setting.strip(), timeout);
    }

    private void realtime(byte b) throws IOException {
        synchronized (connection) {
            connection.output().write(b);
            connection.output().flush();
        }
    }

    @Override
    public void close() {
        open = false;
        reader.interrupt();
    }
}
