package org.plotter.driver.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.plotter.api.machine.PlotterConnection;

/**
 * The simulated plotter as a device on any pair of byte streams: a pseudo-terminal's far end, or a
 * program's standard input and output (what {@code socat … EXEC:} gives it). The host then reaches it
 * through a real serial port, the same code path as a real machine. {@code tools/virtual-device} runs it.
 */
public final class VirtualDevice implements AutoCloseable {
    private final PlotterConnection machine;
    private final Thread toMachine;
    private final Thread toHost;

    private VirtualDevice(PlotterConnection machine, InputStream fromHost, OutputStream host) {
        this.machine = machine;
        this.toMachine = pump(fromHost, machine.output(), "device-in");
        this.toHost = pump(machine.input(), host, "device-out");
    }

    /**
     * Serves a new simulated machine ({@code port} as for {@code sim:}, e.g. {@code sim:speed=1}) on the
     * host's streams until either side ends or {@link #close} is called.
     */
    public static VirtualDevice serve(String port, InputStream fromHost, OutputStream toHost) throws IOException {
        return new VirtualDevice(new SimConnectionFactory().open(port), fromHost, toHost);
    }

    /** The simulated machine, and through it what it executed. */
    public PlotterConnection machine() {
        return machine;
    }

    /** Waits until the host's side has ended (its stream closed). */
    public void awaitHostGone() throws InterruptedException {
        toMachine.join();
    }

    @Override
    public void close() throws IOException {
        toMachine.interrupt();
        toHost.interrupt();
        machine.close();
    }

    /** Byte by byte, flushed at once: realtime commands ({@code ?}, {@code !}) must not wait for a buffer to fill. */
    private static Thread pump(InputStream in, OutputStream out, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        out.write(buffer[i]);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: the device is gone, as when a cable is pulled
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** {@code VirtualDevice [sim:options]}: the machine on standard input and output until input ends. */
    public static void main(String[] args) throws Exception {
        try (VirtualDevice device = serve(args.length > 0 ? args[0] : "sim:speed=1", System.in, System.out)) {
            device.awaitHostGone();
        }
    }
}
