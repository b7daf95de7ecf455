package org.plotter.serial;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.plotter.driver.sim.VirtualDevice;

/**
 * A real pair of pseudo-terminals made by socat: the host opens {@link #hostPath} as a serial port, the
 * simulated machine sits on the other end. Killing socat makes the port vanish, as pulling a USB cable does.
 */
final class Pty implements AutoCloseable {
    private final Process socat;
    final Path hostPath;
    private final Path devicePath;
    private VirtualDevice device;

    private Pty(Path dir) throws IOException, InterruptedException {
        hostPath = dir.resolve("ttyHOST");
        devicePath = dir.resolve("ttyDEVICE");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + hostPath, "pty,raw,echo=0,link=" + devicePath)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(hostPath) && Files.exists(devicePath))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("socat did not make the pseudo-terminals");
            }
            Thread.sleep(10);
        }
    }

    /** Skips (visibly) where socat is not installed; .ci/run installs it. */
    static Pty open(Path dir) throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/socat")) || Files.isExecutable(Path.of("/usr/local/bin/socat"));
        if (!installed) {
            System.err.println("SKIPPED: socat is not installed; the serial tests need real pseudo-terminals");
        }
        Assumptions.assumeTrue(installed, "socat is not installed");
        return new Pty(dir);
    }

    /** Puts a simulated GRBL ({@code sim:} options) on the device end. */
    VirtualDevice serveSimulator(String simPort) throws IOException {
        device = VirtualDevice.serve(simPort, new FileInputStream(devicePath.toFile()), new FileOutputStream(devicePath.toFile()));
        return device;
    }

    /** The port disappears: socat ends and both pseudo-terminals with it. */
    void unplug() throws InterruptedException {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        unplug();
        if (device != null) {
            device.close();
        }
    }
}
