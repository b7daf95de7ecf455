package org.plotter.model.rnn;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A helper thread that takes half of a step's work. A sketch needs a few hundred steps of ~40 µs
 * each, far too short for a thread pool's hand-off, so the helper spins between steps and parks
 * only after {@value #SPIN_NANOS} ns without work. If another sampler holds it, the caller simply
 * does both halves itself.
 */
final class SecondCore {
    private static final long SPIN_NANOS = 2_000_000L;
    private final ReentrantLock busy = new ReentrantLock();
    private final Thread worker;
    private volatile Runnable task;
    private volatile long posted;
    private volatile long finished;
    private volatile RuntimeException failure;

    SecondCore() {
        worker = new Thread(this::work, "sketch-rnn second core");
        worker.setDaemon(true);
        worker.start();
    }

    /** Whether a second core is worth using on this machine. */
    static boolean available() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Runs {@code mine} here and {@code theirs} on the helper; returns when both are done. */
    void run(Runnable mine, Runnable theirs) {
        if (!busy.tryLock()) {
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
                Thread.onSpinWait();
            }
            RuntimeException e = failure;
            if (e != null) {
                failure = null;
                throw e;
            }
        } finally {
            busy.unlock();
        }
    }

    private void work() {
        long seen = 0;
        while (true) {
            long idleSince = System.nanoTime();
            while (posted == seen) {
                if (System.nanoTime() - idleSince > SPIN_NANOS) {
                    LockSupport.park(this);
                } else {
                    Thread.onSpinWait();
                }
            }
            seen = posted;
            try {
                task.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            finished = seen;
        }
    }
}
