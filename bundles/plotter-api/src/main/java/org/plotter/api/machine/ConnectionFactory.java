package org.plotter.api.machine;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens connections for the ports it recognises (by scheme or path); one service per transport,
 * registered with the {@value #SCHEME} property ({@code sim}, {@code serial}, ...).
 */
@ConsumerType
public interface ConnectionFactory {
    /** Service property: the kind of port this factory opens. */
    String SCHEME = "plotter.port.scheme";

    boolean accepts(String port);

    /**
     * @throws org.plotter.api.InvalidInputException if the port's name or options are malformed
     * @throws IOException if a well-formed port cannot be opened (missing, busy, not a serial device)
     */
    PlotterConnection open(String port) throws IOException;

    /**
     * Opens a port with the profile's port settings ({@code serial.baud}, ...; keys as in the profile
     * file). A factory that has no settings ignores them.
     *
     * @throws org.plotter.api.InvalidInputException if a setting is malformed
     * @throws IOException as {@link #open(String)}
     */
    default PlotterConnection open(String port, Map<String, String> settings) throws IOException {
        return open(port);
    }

    /**
     * Whether a machine on {@code port} goes on when this process ends, as a real one does (it finishes
     * what it had and can be resumed later); a machine that lives in this process, like the simulator,
     * does not, so no journal is kept for its jobs.
     */
    default boolean outlivesProcess(String port) {
        return true;
    }

    /** The ports this factory can see now, for a person choosing one; empty where it cannot list them. */
    default List<PortInfo> ports() {
        return List.of();
    }
}
