package org.plotter.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Optional;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.machine.PlotterConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's open port and its one reader. Jobs and consoles take turns on it: each is given a
 * {@link #lease()}, a connection of its own that reads what the machine says while it holds the port, and
 * nothing after; a new lease ends the one before. So a protocol's reader that lingers after its job (or
 * reads ahead, as a buffered reader does) can never take the next holder's replies: there is only one
 * thread reading the port, and a lease that ended reads end-of-stream.
 */
final class SharedConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedConnection.class);
    private static final int CHUNK = 256;

    private final PlotterConnection port;
    private final Thread reader;
    /** Guarded by this. */
    private Lease holder;
    /** Why reading the port ended (null while it reads); guarded by this. */
    private String ended;

    SharedConnection(PlotterConnection port) {
        this.port = port;
        this.reader = new Thread(this::read, "machine-reader " + port.port());
        reader.setDaemon(true);
        reader.start();
    }

    /** The physical connection (its name, what it recorded). */
    PlotterConnection port() {
        return port;
    }

    /** A turn on the port: the previous holder's lease ends (it reads end-of-stream and writes nothing more). */
    synchronized PlotterConnection lease() {
        if (holder != null) {
            holder.end();
        }
        holder = new Lease();
        if (ended != null) {
            holder.lost(ended);
        }
        return holder;
    }

    /** Whether reading the port has ended (the port went away or was closed). */
    synchronized boolean lost() {
        return ended != null;
    }

    private void read() {
        byte[] chunk = new byte[CHUNK];
        String why;
        try {
            int n;
            while ((n = port.input().read(chunk, 0, chunk.length)) >= 0) {
                deliver(chunk, n);
            }
            why = "the connection closed";
        } catch (IOException e) {
            why = "reading failed: " + e.getMessage();
        }
        synchronized (this) {
            ended = why;
            if (holder != null) {
                holder.lost(why);
            }
        }
    }

    private synchronized void deliver(byte[] bytes, int n) {
        if (holder != null) {
            holder.offer(bytes, n);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} bytes while nobody held the port", port.port(), n);
        }
    }

    /** Ends every lease and closes the port; the reader ends with it. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (holder != null) {
                holder.end();
                holder = null;
            }
        }
        port.close();
    }

    /** One holder's view of the port. */
    private final class Lease implements PlotterConnection {
        private final LeaseInput input = new LeaseInput();
        private volatile boolean over;
        private final OutputStream output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                checkHeld();
                port.output().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                checkHeld();
                port.output().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                port.output().flush();
            }
        };

        private void checkHeld() throws IOException {
            if (over) {
                throw new IOException("this job's turn on " + port.port() + " has ended");
            }
        }

        void offer(byte[] bytes, int n) {
            input.offer(bytes, n);
        }

        void end() {
            over = true;
            input.end(null);
        }

        void lost(String why) {
            input.end(why);
        }

        @Override
        public String port() {
            return port.port();
        }

        @Override
        public InputStream input() {
            return input;
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public Optional<ExecutionRecord> executionRecord() {
            return port.executionRecord();
        }

        /** Ends this turn only: the session closes the port. */
        @Override
        public void close() {
            synchronized (SharedConnection.this) {
                end();
                if (holder == this) {
                    holder = null;
                }
            }
        }
    }

    /**
     * The bytes that came while a lease held the port. A thread that was interrupted reads no more, even if
     * bytes are waiting: a protocol's reader told to stop must not take one more reply.
     */
    private static final class LeaseInput extends InputStream {
        private byte[] buffer = new byte[1024];
        private int head, tail;
        private boolean ended;
        /** Why the port stopped (an I/O failure to report), or null for a plain end-of-stream. */
        private String failure;

        synchronized void offer(byte[] bytes, int n) {
            if (ended) {
                return;
            }
            if (tail + n > buffer.length) {
                byte[] larger = new byte[Math.max(buffer.length, 2 * (tail - head + n))];
                System.arraycopy(buffer, head, larger, 0, tail - head);
                tail -= head;
                head = 0;
                buffer = larger;
            }
            System.arraycopy(bytes, 0, buffer, tail, n);
            tail += n;
            notifyAll();
        }

        synchronized void end(String why) {
            if (!ended) {
                ended = true;
                failure = why != null && why.startsWith("reading failed") ? why : null;
            }
            notifyAll();
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            while (head == tail && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
            }
            if (head == tail) {
                if (failure != null) {
                    throw new IOException(failure.substring("reading failed: ".length()));
                }
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
    }
}
