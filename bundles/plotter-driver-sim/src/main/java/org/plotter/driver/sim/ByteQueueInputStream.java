package org.plotter.driver.sim;

import java.io.InputStream;
import java.io.InterruptedIOException;

/** The machine-to-host direction: bytes the simulator writes, read by the driver; -1 after close. */
final class ByteQueueInputStream extends InputStream {
    private byte[] buffer = new byte[1024];
    private int head;
    private int tail;
    private boolean closed;

    synchronized void offer(byte[] bytes) {
        if (closed) {
            return;
        }
        if (tail + bytes.length > buffer.length) {
            byte[] compacted = new byte[Math.max(buffer.length, 2 * (tail - head + bytes.length))];
            System.arraycopy(buffer, head, compacted, 0, tail - head);
            tail -= head;
            head = 0;
            buffer = compacted;
        }
        System.arraycopy(bytes, 0, buffer, tail, bytes.length);
        tail += bytes.length;
        notifyAll();
    }

    @Override
    public synchronized int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
        while (head == tail && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading from the simulator");
            }
        }
        if (head == tail) {
            return -1;
        }
        int n = Math.min(len, tail - head);
        System.arraycopy(buffer, head, b, off, n);
        head += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return tail - head;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
