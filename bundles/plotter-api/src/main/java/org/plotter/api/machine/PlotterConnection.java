package org.plotter.api.machine;

import org.osgi.annotation.versioning.ConsumerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** An open byte channel to a machine: a serial port, a socket or the simulator. */
@ConsumerType
public interface PlotterConnection extends AutoCloseable {
    /** The port name it was opened with, e.g. {@code sim:} or {@code /dev/ttyUSB0}. */
    String port();

    InputStream input();

    OutputStream output();

    /**
     * What the machine physically did so far, where the other end can tell (the simulator can,
     * a serial port cannot).
     */
    default Optional<ExecutionRecord> executionRecord() {
        return Optional.empty();
    }

    @Override
    void close() throws IOException;
}
