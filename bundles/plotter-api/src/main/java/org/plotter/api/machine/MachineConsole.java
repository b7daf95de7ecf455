package org.plotter.api.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A conversation with a machine outside any job, one command at a time, for a person at the plotter
 * (a sender's console, a manual mode): status, unlock, home, pen up and down, a move, settings. Every wait
 * is bounded. Closing it ends its threads; the caller keeps the connection.
 */
@ConsumerType
public interface MachineConsole extends AutoCloseable {
    /** What the machine said it is when the console opened, e.g. {@code Grbl 1.1h}. */
    String firmware();

    /**
     * Sends one command and waits for the machine to accept it.
     *
     * @return what the machine said before accepting it (settings, messages), in order
     * @throws IOException with the machine's own error and its meaning if it refused the command, or if it
     *     did not answer within {@code timeout}
     */
    List<String> send(String command, Duration timeout) throws IOException, InterruptedException;

    /** The machine's state and position now. */
    JobEvent.Status status(Duration timeout) throws IOException, InterruptedException;

    @Override
    void close();
}
