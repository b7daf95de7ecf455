package org.plotter.driver.sim;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.PlotterConnection;

/** A connection to a fresh virtual GRBL; bytes written are received by it one by one, as over a wire. */
final class SimConnection implements PlotterConnection {
    private final String port;
    private final ByteQueueInputStream input = new ByteQueueInputStream();
    private final VirtualGrbl grbl;
    private final OutputStream output;

    SimConnection(String port, MachineSettings settings) {
        this.port = port;
        this.grbl = new VirtualGrbl(settings, input);
        this.output = new OutputStream() {
            @Override
            public void write(int b) {
                grbl.receive(b & 0xff);
            }
        };
    }

    VirtualGrbl grbl() {
        return grbl;
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public Optional<ExecutionRecord> executionRecord() {
        return Optional.of(grbl.motion().record());
    }

    @Override
    public void close() {
        grbl.shutdown();
    }
}
