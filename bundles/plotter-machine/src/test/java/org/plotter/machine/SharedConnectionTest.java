package org.plotter.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plotter.api.machine.PlotterConnection;

/**
 * The session's one reader: each holder of the port reads what the machine says while it holds it and
 * nothing after; a reader told to stop takes no more bytes; a lost port ends every turn.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedConnectionTest {
    /** A port whose machine side the test writes; what the host writes is kept. */
    private static final class PipePort implements PlotterConnection {
        final PipedOutputStream machine = new PipedOutputStream();
        final PipedInputStream fromMachine;
        final ByteArrayOutputStream toMachine = new ByteArrayOutputStream();

        PipePort() throws IOException {
            fromMachine = new PipedInputStream(machine, 4096);
        }

        void says(String text) throws IOException {
            machine.write(text.getBytes(StandardCharsets.US_ASCII));
            machine.flush();
        }

        @Override
        public String port() {
            return "pipe";
        }

        @Override
        public InputStream input() {
            return fromMachine;
        }

        @Override
        public OutputStream output() {
            return toMachine;
        }

        @Override
        public void close() throws IOException {
            machine.close();
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    void aReaderLeftOverFromTheLastHolderTakesNothingFromTheNext() throws Exception {
        PipePort port = new PipePort();
        try (SharedConnection shared = new SharedConnection(port)) {
            PlotterConnection first = shared.lease();
            port.says("ok\n");
            assertEquals("ok", line(first.input()));
            // the first job's reader is still reading when the next holder takes the port
            CompletableFuture<Integer> lingering = CompletableFuture.supplyAsync(() -> {
                try {
                    return first.input().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            Thread.sleep(100);
            PlotterConnection second = shared.lease();
            assertEquals(-1, lingering.get(5, TimeUnit.SECONDS), "the ended turn reads end-of-stream");
            port.says("<Idle|MPos:1.000,2.000,0.000>\nok\n");
            assertEquals("<Idle|MPos:1.000,2.000,0.000>", line(second.input()), "every byte to the holder");
            assertEquals("ok", line(second.input()));
            assertEquals(-1, first.input().read());
            assertThrows(IOException.class, () -> first.output().write('?'), "an ended turn writes nothing");
            second.output().write('?');
            assertEquals("?", port.toMachine.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anInterruptedReaderTakesNoMoreEvenWithBytesWaiting() throws Exception {
        PipePort port = new PipePort();
        try (SharedConnection shared = new SharedConnection(port)) {
            PlotterConnection turn = shared.lease();
            port.says("ok\nok\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (turn.input().available() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.currentThread().interrupt();
            assertThrows(InterruptedIOException.class, () -> turn.input().read());
            assertTrue(Thread.interrupted(), "the interrupt is kept for whoever stops the thread");
            assertEquals("ok", line(turn.input()), "the bytes are still there for a reader that was not told to stop");
        }
    }

    @Test
    void aLostPortEndsTheTurnAndEveryLaterOne() throws Exception {
        PipePort port = new PipePort();
        try (SharedConnection shared = new SharedConnection(port)) {
            PlotterConnection turn = shared.lease();
            port.machine.close(); // the cable pulled: the port reads end-of-stream
            assertEquals(-1, turn.input().read());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!shared.lost() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(shared.lost(), "the session opens the port again for the next job");
            assertEquals(-1, shared.lease().input().read());
        }
    }
}
