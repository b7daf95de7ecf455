package org.plotter.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The simulated machine on a real pseudo-terminal (socat), as the host's serial port sees it. */
// a separate thread: a reply that never comes blocks a read of the pty, which no interrupt ends
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualDeviceTest {
    @TempDir
    Path dir;

    /**
     * Two {@code unplug} faults on lines that reached the machine together: the second comes while the cable is
     * out, and pulls nothing. Plugged back in, the machine's every reply reaches the host.
     */
    @Test
    void anUnplugFaultWhileTheCableIsOutPullsNothingMore() throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat"));
        if (!socat) {
            System.err.println("SKIPPED: socat is not installed");
        }
        Assumptions.assumeTrue(socat, "socat is not installed");
        Path tty = dir.resolve("ttyDEVICE");
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(tty, "sim:fault=unplug@1/unplug@2")) {
            try (OutputStream host = new FileOutputStream(tty.toFile())) {
                host.write("G0 X1\nG0 X2\n".getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(VirtualDevice.UNPLUGGED_MILLIS * 3); // out, and back in
            try (OutputStream host = new FileOutputStream(tty.toFile());
                 BufferedReader replies = new BufferedReader(new InputStreamReader(new FileInputStream(tty.toFile()), StandardCharsets.US_ASCII))) {
                for (int round = 0; round < 20; round++) {
                    host.write("$I\n".getBytes(StandardCharsets.US_ASCII));
                    host.flush();
                    assertEquals("[VER:1.1h.sim:plotter]", replies.readLine(), "round " + round);
                    assertEquals("ok", replies.readLine(), "round " + round);
                }
            }
        }
    }
}
