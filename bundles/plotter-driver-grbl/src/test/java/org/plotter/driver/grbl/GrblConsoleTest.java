package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.driver.sim.SimConnectionFactory;

/** The console on a link that hands the machine's answers on only when the host writes, as GRBL's own simulator on a pty does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrblConsoleTest {
    /**
     * The simulated GRBL behind a link that holds what the machine says until the host writes its next byte:
     * a sender that only waits for an answer never gets it.
     */
    private static final class PassedOnWhenWritten implements PlotterConnection {
        private final PlotterConnection machine;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private final ByteFifo toHost = new ByteFifo();
        private final OutputStream fromHost;

        PassedOnWhenWritten(PlotterConnection machine) {
            this.machine = machine;
            Thread pump = new Thread(() -> {
                try {
                    for (int b; (b = machine.input().read()) >= 0; ) {
                        synchronized (held) {
                            held.write(b);
                        }
                    }
                } catch (IOException ended) {
                    // the machine was shut down
                }
            }, "held-replies");
            pump.setDaemon(true);
            pump.start();
            fromHost = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    synchronized (held) {
                        toHost.write(held.toByteArray());
                        held.reset();
                    }
                    machine.output().write(b);
                }
            };
        }

        @Override
        public String port() {
            return "held";
        }

        @Override
        public InputStream input() {
            return toHost;
        }

        @Override
        public OutputStream output() {
            return fromHost;
        }

        @Override
        public void close() throws IOException {
            machine.close();
        }
    }

    @Test
    void commandsAreAnsweredOnALinkThatOnlyMovesWhenTheHostWrites() throws Exception {
        try (PlotterConnection link = new PassedOnWhenWritten(new SimConnectionFactory().open("sim:"));
             MachineConsole console = new GrblDriver().console(link, GrblStreamerTest.profile(127), Duration.ofSeconds(10))) {
            List<String> settings = console.send("$$", Duration.ofSeconds(10));
            assertTrue(settings.contains("$130=300.000"), "the settings, answered: " + settings);
            console.send("$130=250", Duration.ofSeconds(10));
            assertTrue(console.send("$$", Duration.ofSeconds(10)).contains("$130=250.000"), "set as GRBL sets it");
            JobEvent.Status status = console.status(Duration.ofSeconds(10));
            assertEquals("Idle", status.state());
        }
    }

    @Test
    void aHungControllerGetsOneSoftResetAndThenAnswers() throws Exception {
        try (PlotterConnection hung = new SimConnectionFactory().open("sim:fault=stall@1")) {
            hung.output().write("G4 P0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            hung.output().flush();
            try (MachineConsole console = new GrblDriver().console(hung, GrblStreamerTest.profile(127), Duration.ofSeconds(2))) {
                assertEquals("Grbl 1.1h", console.firmware(), "it greeted after the reset");
                assertEquals("Idle", console.status(Duration.ofSeconds(5)).state());
            }
        }
    }

    @Test
    void aLinkWhereNothingAnswersFailsAfterOneReset() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PlotterConnection silent = new PlotterConnection() {
            private final ByteFifo nothing = new ByteFifo();

            @Override
            public String port() {
                return "silent";
            }

            @Override
            public InputStream input() {
                return nothing;
            }

            @Override
            public OutputStream output() {
                return written;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new GrblDriver().console(silent, GrblStreamerTest.profile(127), Duration.ofMillis(600)));
        assertTrue(e.getMessage().contains("nor after a soft reset"), e.getMessage());
        byte[] bytes = written.toByteArray();
        long resets = 0;
        int lastReset = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == GrblStreamer.SOFT_RESET) {
                resets++;
                lastReset = i;
            }
        }
        assertEquals(1, resets, "one soft reset");
        assertTrue(lastReset > 0 && lastReset < bytes.length - 1, "asked for status before and after it: " + java.util.Arrays.toString(bytes));
    }
}
