package org.plotter.driver.sim;

import java.util.function.LongSupplier;

/**
 * Keeps simulated time {@code speed} times faster than the wall clock. It compares the simulated time
 * elapsed since the last {@link #rebase} with the wall time and sleeps off the difference, so the
 * pace is exact on average whatever the slice length (sleeping a rounded amount per slice is not:
 * 20 ms slices at 50× would round to no sleep at all).
 */
final class Pacer {
    /** Sleeps for the given nanoseconds. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double speed;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long wallStart;
    private double simulatedSinceStart;

    /** @param speed simulated seconds per wall-clock second; 0 or less: never sleep */
    Pacer(double speed, LongSupplier clock, Sleeper sleeper) {
        this.speed = speed;
        this.clock = clock;
        this.sleeper = sleeper;
        rebase();
    }

    static Pacer realTime(double speed) {
        return new Pacer(speed, System::nanoTime, nanos -> java.util.concurrent.locks.LockSupport.parkNanos(nanos));
    }

    /** Starts counting afresh, e.g. after a feed hold, so the time held is not caught up at full speed. */
    void rebase() {
        wallStart = clock.getAsLong();
        simulatedSinceStart = 0;
    }

    /** Accounts for {@code seconds} of simulated time, sleeping until the wall clock has caught up. */
    void advance(double seconds) throws InterruptedException {
        if (speed <= 0) {
            return;
        }
        simulatedSinceStart += seconds;
        long due = wallStart + Math.round(simulatedSinceStart / speed * 1e9);
        long wait;
        while ((wait = due - clock.getAsLong()) > 0) {
            sleeper.sleepNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
