package org.plotter.driver.grbl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.plotter.api.machine.PlotterConnection;

/**
 * Sits on the wire between the streamer and a connection and counts, independently of the streamer,
 * how many line bytes were sent but not yet answered with ok or error.
 */
final class WireTap implements PlotterConnection {
    private final PlotterConnection inner;
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();
    private final ByteFifo replies = new ByteFifo();
    private final OutputStream tapOut;
    private int lineBytes;
    private int unanswered;
    private int maxUnanswered;
    private final java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
    private int oksSeen;
    private int dropOk = -1;
    private boolean muted;

    WireTap(PlotterConnection inner) throws IOException {
        this.inner = inner;
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(inner.input(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (this) {
                        if (muted) {
                            continue; // fault injection: the machine's transmit line is broken
                        }
                    }
                    if (line.equals("ok") || line.startsWith("error:")) {
                        synchronized (this) {
                            Integer bytes = pending.poll();
                            unanswered -= bytes == null ? 0 : bytes;
                            if (line.equals("ok") && ++oksSeen == dropOk) {
                                continue; // fault injection: this reply never reaches the host
                            }
                        }
                    }
                    replies.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // connection closed
            } finally {
                replies.close();
            }
        }, "wiretap");
        pump.setDaemon(true);
        pump.start();
        tapOut = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                synchronized (WireTap.this) {
                    sent.write(b);
                    boolean realtime = b == '?' || b == '!' || b == '~' || b == 0x18;
                    if (!realtime) {
                        lineBytes++;
                        if (b == '\n') {
                            pending.add(lineBytes);
                            unanswered += lineBytes;
                            maxUnanswered = Math.max(maxUnanswered, unanswered);
                            lineBytes = 0;
                        }
                    }
                }
                inner.output().write(b);
            }
        };
    }

    /** Every byte the host wrote, realtime bytes included, in order. */
    synchronized byte[] sent() {
        return sent.toByteArray();
    }

    /** While muted, nothing the machine says reaches the host (it still hears the host). */
    synchronized void mute(boolean on) {
        muted = on;
    }

    /** Loses the {@code n}-th (1-based) ok on its way to the host. */
    synchronized void dropOk(int n) {
        dropOk = n;
    }

    synchronized int maxUnanswered() {
        return maxUnanswered;
    }

    @Override
    public String port() {
        return inner.port();
    }

    @Override
    public InputStream input() {
        return replies;
    }

    @Override
    public OutputStream output() {
        return tapOut;
    }

    @Override
    public java.util.Optional<org.plotter.api.machine.ExecutionRecord> executionRecord() {
        return inner.executionRecord();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
