package org.plotter.model.rnn;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A helper thread that takes half of a step's work. A sketch needs a few hundred steps of ~40 µs
 * each, far too short for a thread pool's hand-off, so the helper spins between steps and parks
 * only after {@value #SPIN_NANOS} ns without work. One helper serves every model of an engine and is
 * stopped with it ({@link #close}); while another sampler holds it, or once it is closed, the caller
 * simply does both halves itself. Anything the helper's half throws, {@code Error}s included, is
 * rethrown to the caller, which never waits on a helper that has stopped.
 */
final class SecondCore implements AutoCloseable {
    private static final long SPIN_NANOS = 2_000_000L;
    private final ReentrantLock busy = new ReentrantLock();
    private final Thread worker;
    private volatile Runnable task;
    private volatile long posted;
    private volatile long finished;
    private volatile Throwable failure;
    private volatile boolean closed;

    SecondCore(String name) {
        worker = new Thread(this::work, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Whether a second core is worth using on this machine. */
    static boolean available() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Runs {@code mine} here and {@code theirs} on the helper; returns when both are done. */
    void run(Runnable mine, Runnable theirs) {
        if (closed || !busy.tryLock()) {
            mine.run();
            theirs.run();
            return;
        }
        try {
            task = theirs;
            long id = posted + 1;
            posted = id;
            LockSupport.unpark(worker);
            mine.run();
            while (finished != id) {
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the sampling helper thread stopped");
                }
                Thread.onSpinWait();
            }
            Throwable e = failure;
            if (e != null) {
                failure = null;
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) e;
            }
        } finally {
            busy.unlock();
        }
    }

    /** Stops the helper thread; later calls to {@link #run} do all the work on the caller's thread. */
    @Override
    public void close() {
        closed = true;
        busy.lock(); // waits for a step in progress
        try {
            worker.interrupt();
            LockSupport.unpark(worker);
        } finally {
            busy.unlock();
        }
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return worker.isAlive();
    }

    private void work() {
        long seen = 0;
        while (!closed) {
            long idleSince = System.nanoTime();
            while (posted == seen && !closed) {
                if (System.nanoTime() - idleSince > SPIN_NANOS) {
                    LockSupport.park(this);
                } else {
                    Thread.onSpinWait();
                }
            }
            if (closed) {
                return;
            }
            seen = posted;
            Runnable job = task;
            task = null; // do not keep a model's weights reachable from an idle thread
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            finished = seen;
        }
    }
}
