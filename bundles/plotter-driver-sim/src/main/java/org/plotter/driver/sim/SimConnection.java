package org.plotter.driver.sim;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.PlotterConnection;

/** A connection to a fresh virtual machine (GRBL, or Marlin with {@code firmware=marlin}); bytes written are received by it one by one, as over a wire. */
final class SimConnection implements PlotterConnection {
    private final String port;
    private final ByteQueueInputStream input = new ByteQueueInputStream();
    private final VirtualMachine machine;
    private final OutputStream output;

    SimConnection(String port, MachineSettings settings) {
        this.port = port;
        this.machine = settings.marlin() ? new VirtualMarlin(settings, input, settings.garbled()) : new VirtualGrbl(settings, input);
        this.output = new OutputStream() {
            @Override
            public void write(int b) {
                machine.receive(b & 0xff);
            }
        };
    }

    /** The virtual GRBL behind this connection (tests talk to it directly). */
    VirtualGrbl grbl() {
        return (VirtualGrbl) machine;
    }

    VirtualMachine machine() {
        return machine;
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
        return Optional.of(machine.motion().record());
    }

    @Override
    public void close() {
        machine.shutdown();
    }
}
