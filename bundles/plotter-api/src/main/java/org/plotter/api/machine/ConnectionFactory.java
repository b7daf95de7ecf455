package org.plotter.api.machine;

import java.io.IOException;
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
}
