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

    /**
     * Lets the machine finish what it has been given (GRBL: until Idle; Marlin: {@code M400}), discards a
     * partial line a vanished sender may have left in its input (GRBL: a soft reset once idle, which keeps
     * the position; Marlin: the line is refused by its checksum), and reports the state and position: where
     * an interrupted job can continue from. A machine held by a program pause ({@code M0}) stays held.
     *
     * @throws IOException if it does not settle within {@code timeout}
     */
    default JobEvent.Status settle(Duration timeout) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("this console cannot settle the machine");
    }

    /** Runs the homing cycle (GRBL {@code $H}, Marlin {@code G28 X Y}); what the machine said. */
    List<String> home(Duration timeout) throws IOException, InterruptedException;

    /** Clears an alarm or halt without homing (GRBL {@code $X}, Marlin {@code M999}); what the machine said. */
    List<String> unlock(Duration timeout) throws IOException, InterruptedException;

    /** The machine's settings, one per line as it lists them (GRBL {@code $$}, Marlin {@code M503}). */
    List<String> settings(Duration timeout) throws IOException, InterruptedException;

    /**
     * Changes one setting, written as the firmware writes it (GRBL {@code $110=5000}, Marlin
     * {@code M203 X100}).
     *
     * @throws org.plotter.api.InvalidInputException if it is not a setting in this firmware's form
     */
    List<String> set(String setting, Duration timeout) throws IOException, InterruptedException;

    @Override
    void close();
}
