package org.plotter.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.plotter.driver.sim.VirtualDevice;

/** Real pseudo-terminals for the tests; skipped with a visible message where socat is missing (.ci/run installs it). */
final class Pty {
    private Pty() {}

    static void requireSocat() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/socat")) || Files.isExecutable(Path.of("/usr/local/bin/socat"));
        if (!installed) {
            System.err.println("SKIPPED: socat is not installed; the serial tests need real pseudo-terminals");
        }
        Assumptions.assumeTrue(installed, "socat is not installed");
    }

    /** The simulated GRBL ({@code sim:} options) behind a pseudo-terminal whose host end is {@code dir/ttyHOST}. */
    static VirtualDevice simulator(Path dir, String simPort) throws IOException, InterruptedException {
        requireSocat();
        return VirtualDevice.onPseudoTerminal(dir.resolve("ttyHOST"), simPort);
    }
}
