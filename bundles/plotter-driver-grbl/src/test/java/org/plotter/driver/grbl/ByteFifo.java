package org.plotter.driver.grbl;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Bytes written on one thread, read on any other, as a serial line delivers them (unlike a pipe, it
 * does not break when a reading thread ends). Reads block until data or close; an interrupt ends a read.
 */
final class ByteFifo extends InputStream {
    private final ArrayDeque<Byte> bytes = new ArrayDeque<>();
    private boolean closed;

    synchronized void write(byte[] data) {
        for (byte b : data) {
            bytes.add(b);
        }
        notifyAll();
    }

    @Override
    public synchronized int read() throws InterruptedIOException {
        while (bytes.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
        }
        return bytes.isEmpty() ? -1 : bytes.poll() & 0xff;
    }

    /** At least one byte (blocking for it), then whatever else has arrived: never waits to fill {@code len}. */
    @Override
    public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        int first = read();
        if (first < 0) {
            return -1;
        }
        b[off] = (byte) first;
        int n = 1;
        while (n < len && !bytes.isEmpty()) {
            b[off + n++] = bytes.poll();
        }
        return n;
    }

    @Override
    public synchronized int available() {
        return bytes.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
