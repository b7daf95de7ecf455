package org.plotter.driver.marlin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.InvalidInputException;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.PlotterConnection;

/**
 * Marlin one command at a time, unnumbered (Marlin takes lines without numbers). Marlin has no state
 * report: the status is {@code M114}'s position, {@code Idle} once {@code M400} says the moves are done.
 */
final class MarlinConsole implements MachineConsole {
    private static final MarlinReply CLOSED = MarlinReply.parse("echo:[closed]");
    private static final Pattern POSITION = Pattern.compile("X:\\s*([-0-9.]+)\\s+Y:\\s*([-0-9.]+).*");
    /** Marlin's settings are G-code: a letter and a number, then parameters, e.g. M203 X100 Y100. */
    private static final Pattern SETTING = Pattern.compile("(?i)[MG]\\d+(\\s+[A-Z][-+]?[0-9.]*)+");
    private final PlotterConnection connection;
    private final BlockingQueue<MarlinReply> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean open = true;
    private String firmware = "Marlin";
    /** Long enough for Marlin to answer a refused line at any baud rate a plotter uses. */
    private static final long PARTIAL_LINE_SETTLE_MILLIS = 300;

    private MarlinConsole(PlotterConnection connection) {
        this.connection = connection;
        this.reader = new Thread(this::read, "marlin-console " + connection.port());
        reader.setDaemon(true);
        reader.start();
    }

    static MarlinConsole open(PlotterConnection connection, Duration timeout) throws IOException, InterruptedException {
        MarlinConsole console = new MarlinConsole(connection);
        try {
            console.endPartialLine();
            for (String line : console.send("M115", timeout)) {
                int name = line.indexOf("FIRMWARE_NAME:");
                if (name >= 0) {
                    String rest = line.substring(name + "FIRMWARE_NAME:".length()).strip();
                    int end = rest.indexOf(" (");
                    console.firmware = end > 0 ? rest.substring(0, end) : rest;
                }
            }
            return console;
        } catch (IOException | InterruptedException | RuntimeException e) {
            console.close();
            throw e;
        }
    }

    /**
     * A sender that vanished mid-line leaves the start of a numbered line in Marlin's input: a newline ends
     * it, and Marlin refuses it for its missing checksum instead of running it. The refusal is not ours.
     */
    private void endPartialLine() throws IOException, InterruptedException {
        synchronized (connection) {
            connection.output().write('\n');
            connection.output().flush();
        }
        Thread.sleep(PARTIAL_LINE_SETTLE_MILLIS);
        replies.clear();
    }

    /** Marlin has finished its moves ({@code M400}) and says where it is ({@code M114}). */
    @Override
    public JobEvent.Status settle(Duration timeout) throws IOException, InterruptedException {
        return status(timeout);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.US_ASCII))) {
            String line;
            while (open && (line = in.readLine()) != null) {
                replies.add(MarlinReply.parse(line));
            }
        } catch (IOException e) {
            // closed
        }
        replies.add(CLOSED);
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
            MarlinReply reply = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (reply == null) {
                throw new IOException("'" + command + "' was not answered within " + timeout.toSeconds() + " s");
            }
            if (reply == CLOSED) {
                throw new IOException("the connection to " + connection.port() + " closed");
            }
            switch (reply.kind()) {
                case OK -> {
                    return said;
                }
                case ERROR -> throw new IOException("'" + command + "' refused: " + reply.text());
                case BUSY, START -> deadline = Math.max(deadline, System.nanoTime() + timeout.toNanos()); // still working
                default -> said.add(reply.text());
            }
        }
    }

    @Override
    public JobEvent.Status status(Duration timeout) throws IOException, InterruptedException {
        send("M400", timeout);
        for (String line : send("M114", timeout)) {
            Matcher m = POSITION.matcher(line.strip());
            if (m.matches()) {
                return new JobEvent.Status("Idle", Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
            }
        }
        throw new IOException("M114 gave no position on " + connection.port());
    }

    @Override
    public List<String> home(Duration timeout) throws IOException, InterruptedException {
        return send("G28 X Y", timeout);
    }

    @Override
    public List<String> unlock(Duration timeout) throws IOException, InterruptedException {
        return send("M999", timeout);
    }

    @Override
    public List<String> settings(Duration timeout) throws IOException, InterruptedException {
        return send("M503", timeout);
    }

    @Override
    public List<String> set(String setting, Duration timeout) throws IOException, InterruptedException {
        if (!SETTING.matcher(setting.strip()).matches()) {
            throw new InvalidInputException("a Marlin setting is a command with parameters, e.g. M203 X100 Y100, got '" + setting + "'");
        }
        return send(setting.strip(), timeout);
    }

    @Override
    public void close() {
        open = false;
        reader.interrupt();
    }
}
