package org.plotter.driver.sim;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.plotter.api.machine.PlotterConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated plotter as a device on any pair of byte streams: a pseudo-terminal's far end, or a
 * program's standard input and output (what {@code socat … EXEC:} gives it). The host then reaches it
 * through a real serial port, the same code path as a real machine. {@code tools/virtual-device} runs it.
 */
public final class VirtualDevice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualDevice.class);
    private final PlotterConnection machine;
    private final Path hostLink;
    private final int baud;
    private volatile Thread toMachine;
    private volatile Thread toHost;
    private volatile Process socat;
    /** The cable is out for an {@code unplug} fault: a cable already out cannot be pulled again. */
    private final AtomicBoolean unpluggedByFault = new AtomicBoolean();

    private VirtualDevice(PlotterConnection machine, InputStream fromHost, OutputStream host, Process socat, int baud, Path hostLink) {
        this.machine = machine;
        this.socat = socat;
        this.baud = baud;
        this.hostLink = hostLink;
        this.toMachine = pump(fromHost, machine.output(), "device-in", baud);
        this.toHost = pump(machine.input(), host, "device-out", baud);
        if (socat != null && machine instanceof SimConnection sim) {
            sim.machine().unplugWith(this::unplugForAWhile);
        }
    }

    /** How long an {@code unplug} fault keeps the cable out. */
    static final long UNPLUGGED_MILLIS = 1000;

    /**
     * An {@code unplug} fault: the cable out, and back in after {@value #UNPLUGGED_MILLIS} ms, off the machine's own
     * thread. The machine goes on with the lines it had received, so a second {@code unplug} fault among them comes
     * while the cable is out: it does nothing (two overlapping replugs would leave two pumps sharing the machine's
     * output, each carrying half its replies).
     */
    private void unplugForAWhile() {
        if (!unpluggedByFault.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                unplug();
                Thread.sleep(UNPLUGGED_MILLIS);
                replug();
            } catch (IOException e) {
                LOG.warn("the virtual device could not be plugged back in: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                unpluggedByFault.set(false);
            }
        }, "device-unplug");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A new simulated machine behind a real pseudo-terminal: {@code socat} makes a pair, the host opens
     * {@code hostLink} as its serial port, and the machine is served on the other end.
     * {@link #unplug} takes the port away, as pulling a USB cable does.
     *
     * @throws IOException if socat is not installed or makes no pseudo-terminals within 10 s
     */
    public static VirtualDevice onPseudoTerminal(Path hostLink, String simPort) throws IOException, InterruptedException {
        return onPseudoTerminal(hostLink, simPort, 0);
    }

    /**
     * As {@link #onPseudoTerminal(Path, String)}, with bytes passing at most as fast as a serial line of
     * {@code baud} carries them (10 bits a byte; 0: as fast as the pseudo-terminal goes, which ignores baud).
     */
    public static VirtualDevice onPseudoTerminal(Path hostLink, String simPort, int baud) throws IOException, InterruptedException {
        Path deviceLink = deviceLink(hostLink);
        Process socat = socat(hostLink, deviceLink);
        return new VirtualDevice(new SimConnectionFactory().open(simPort),
                new FileInputStream(deviceLink.toFile()), new FileOutputStream(deviceLink.toFile()), socat, baud, hostLink);
    }

    private static Path deviceLink(Path hostLink) {
        return hostLink.resolveSibling(hostLink.getFileName() + ".device");
    }

    /** A socat pair of pseudo-terminals at the two links, once both exist. */
    private static Process socat(Path hostLink, Path deviceLink) throws IOException, InterruptedException {
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + hostLink, "pty,raw,echo=0,link=" + deviceLink)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot run socat (install it: apt-get install socat): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(hostLink) && Files.exists(deviceLink))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroy();
                throw new IOException("socat made no pseudo-terminals at " + hostLink);
            }
            Thread.sleep(10);
        }
        return socat;
    }

    /**
     * The port disappears (socat ends, and both pseudo-terminals with it). The machine keeps power, as one
     * with its own supply does: it runs what it had received and keeps its position.
     */
    public void unplug() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
        toHost.interrupt(); // what the machine says from now on is not carried anywhere
        toHost.join(5000);
    }

    /** The cable goes back in: the port appears again at the same path, to the same machine. */
    public void replug() throws IOException, InterruptedException {
        Path deviceLink = deviceLink(hostLink);
        Files.deleteIfExists(hostLink);
        Files.deleteIfExists(deviceLink);
        socat = socat(hostLink, deviceLink);
        toMachine.join(5000); // the old cable's last bytes are in (or lost) before the new one carries any
        if (machine instanceof SimConnection sim) {
            sim.machine().pluggedBackIn();
        }
        // what the machine said while unplugged went nowhere
        machine.input().skip(machine.input().available());
        toMachine = pump(new FileInputStream(deviceLink.toFile()), machine.output(), "device-in", baud);
        toHost = pump(machine.input(), new FileOutputStream(deviceLink.toFile()), "device-out", baud);
    }

    /**
     * Serves a new simulated machine ({@code port} as for {@code sim:}, e.g. {@code sim:speed=1}) on the
     * host's streams until either side ends or {@link #close} is called.
     */
    public static VirtualDevice serve(String port, InputStream fromHost, OutputStream toHost) throws IOException {
        return new VirtualDevice(new SimConnectionFactory().open(port), fromHost, toHost, null, 0, null);
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
        try {
            unplug();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        toMachine.interrupt();
        toHost.interrupt();
        machine.close();
    }

    /**
     * Byte by byte, flushed at once: realtime commands ({@code ?}, {@code !}) must not wait for a buffer to
     * fill. At a baud rate, each byte arrives no sooner than the line could have carried it.
     */
    private static Thread pump(InputStream in, OutputStream out, String name, int baud) {
        long nanosPerByte = baud > 0 ? 10 * 1_000_000_000L / baud : 0;
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[256];
            long lineFreeAt = System.nanoTime();
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (nanosPerByte > 0) {
                            lineFreeAt = Math.max(lineFreeAt, System.nanoTime()) + nanosPerByte;
                            while (System.nanoTime() < lineFreeAt) {
                                Thread.onSpinWait(); // 87 µs a byte at 115200: shorter than a sleep can be
                            }
                        }
                        out.write(buffer[i]);
                        if (nanosPerByte > 0) {
                            out.flush();
                        }
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

    /**
     * {@code VirtualDevice [sim:options]}: the machine on standard input and output until input ends;
     * {@code VirtualDevice --pty LINK [sim:options]}: on a pseudo-terminal at LINK until killed.
     */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--pty")) {
            try (VirtualDevice device = onPseudoTerminal(Path.of(args[1]), args.length > 2 ? args[2] : "sim:speed=1")) {
                System.err.println("virtual GRBL on " + args[1] + " (" + (args.length > 2 ? args[2] : "sim:speed=1") + "); Ctrl-C ends it");
                device.socat.waitFor();
            }
            return;
        }
        try (VirtualDevice device = serve(args.length > 0 ? args[0] : "sim:speed=1", System.in, System.out)) {
            device.awaitHostGone();
        }
    }
}
