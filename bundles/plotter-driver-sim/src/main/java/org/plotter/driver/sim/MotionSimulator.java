package org.plotter.driver.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * The machine's motion side: a planner queue of {@value #PLANNER_BLOCKS} blocks (as GRBL's), executed
 * in simulated time. Each linear move accelerates from rest and decelerates to rest (a trapezoid, or a
 * triangle when too short to reach the feed). The pen touches the paper when the spindle PWM is on
 * with {@code S > 0} (servo pens) or {@code Z < 0} (Z pens); every move is recorded with that state.
 */
final class MotionSimulator {
    static final int PLANNER_BLOCKS = 15;
    private static final double SECONDS_PER_MINUTE = 60.0;
    /** Simulated time per wall-clock slice while paced, so holds take effect mid-move. */
    private static final double SLICE_SECONDS = 0.02;

    sealed interface Block {}

    record Linear(double x, double y, double z, double feed) implements Block {}

    record Dwell(double seconds) implements Block {}

    record Spindle(double power) implements Block {}

    private final MachineSettings settings;
    private final ArrayDeque<Block> planner = new ArrayDeque<>();
    private final List<Polyline> paths = new ArrayList<>();
    private List<Point> currentPath = new ArrayList<>();
    private boolean currentPenDown;
    private double x, y, z, spindle, feed;
    private double motionSeconds;
    private boolean executing;
    private boolean hold;
    /** Under hold, the current block has stopped: GRBL's Hold:0 (hold complete). */
    private boolean holdComplete;
    private final Pacer pacer;
    private boolean stopped;
    private long resets;

    MotionSimulator(MachineSettings settings) {
        this.settings = settings;
        this.pacer = Pacer.realTime(settings.speedFactor());
        currentPath.add(new Point(0, 0));
        Thread worker = new Thread(this::run, "sim-motion");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues a block, waiting while the planner is full; false if a reset or shutdown intervened. */
    synchronized boolean submit(Block block) throws InterruptedException {
        long generation = resets;
        while (planner.size() >= PLANNER_BLOCKS && generation == resets && !stopped) {
            wait();
        }
        if (generation != resets || stopped) {
            return false;
        }
        planner.add(block);
        notifyAll();
        return true;
    }

    synchronized void hold() {
        hold = true;
    }

    synchronized void cycleStart() {
        hold = false;
        notifyAll();
    }

    /**
     * Soft reset: drops queued motion, stops where the machine is and turns the spindle off, as GRBL's
     * {@code mc_reset} does. Returns true if the machine was in motion (position may be lost: ALARM:3);
     * after a completed feed hold it is not.
     */
    synchronized boolean reset() {
        boolean moving = (executing || !planner.isEmpty()) && !(hold && holdComplete());
        planner.clear();
        hold = false;
        executing = false; // the block in progress is abandoned where it is
        resets++;
        spindle = 0;
        trace();
        notifyAll();
        return moving;
    }

    /** Held and stopped: nothing executing, or the executing block paused between slices. */
    private boolean holdComplete() {
        return !executing || holdComplete;
    }

    synchronized void shutdown() {
        stopped = true;
        notifyAll();
    }

    synchronized String state() {
        if (hold && (executing || !planner.isEmpty())) {
            return holdComplete() ? "Hold:0" : "Hold:1";
        }
        return executing || !planner.isEmpty() ? "Run" : "Idle";
    }

    synchronized double[] position() {
        return new double[] {x, y, z, feed, spindle};
    }

    synchronized boolean idle() {
        return !executing && planner.isEmpty();
    }

    synchronized ExecutionRecord record() {
        List<Polyline> all = new ArrayList<>(paths);
        if (currentPath.size() > 1) {
            all.add(new Polyline(currentPath, currentPenDown));
        }
        return new ExecutionRecord(new Drawing(settings.travelX(), settings.travelY(), all),
                Duration.ofNanos(Math.round(motionSeconds * 1e9)));
    }

    private void run() {
        try {
            while (true) {
                Block block;
                long generation;
                synchronized (this) {
                    while ((planner.isEmpty() || hold) && !stopped) {
                        executing = false;
                        notifyAll();
                        wait();
                    }
                    if (stopped) {
                        return;
                    }
                    block = planner.poll();
                    executing = true;
                    generation = resets;
                    notifyAll(); // room in the planner
                }
                execute(block, generation);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(Block block, long generation) throws InterruptedException {
        if (block instanceof Linear move) {
            double fromX = x, fromY = y, fromZ = z;
            double length = Math.sqrt(sq(move.x() - fromX) + sq(move.y() - fromY) + sq(move.z() - fromZ));
            double total = travelTime(length, move.feed());
            synchronized (this) {
                feed = move.feed();
            }
            // the position moves along the block as time passes, so status reports and a reset see where the pen is
            boolean completed = elapse(total, generation, t -> {
                double f = length > 0 ? Math.min(1, distanceAfter(t, total, length, move.feed()) / length) : 1;
                x = fromX + f * (move.x() - fromX);
                y = fromY + f * (move.y() - fromY);
                z = fromZ + f * (move.z() - fromZ);
            });
            if (!completed) {
                return;
            }
            synchronized (this) {
                x = move.x();
                y = move.y();
                z = move.z();
                trace();
            }
        } else if (block instanceof Dwell dwell) {
            elapse(dwell.seconds(), generation, t -> { });
        } else if (block instanceof Spindle s) {
            synchronized (this) {
                spindle = s.power();
                trace();
            }
        }
    }

    /** Distance covered {@code t} seconds into a move of {@code length} mm taking {@code total} seconds. */
    private double distanceAfter(double t, double total, double length, double feed) {
        double v = Math.min(feed, settings.maxRate()) / SECONDS_PER_MINUTE;
        double a = settings.acceleration();
        double accelerating = length >= v * v / a ? v / a : total / 2;
        if (t <= accelerating) {
            return a * t * t / 2;
        }
        if (t >= total - accelerating) {
            return length - a * sq(total - t) / 2;
        }
        return a * accelerating * accelerating / 2 + v * (t - accelerating);
    }

    /** Seconds to travel {@code length} mm starting and ending at rest, at most {@code feed} mm/min. */
    double travelTime(double length, double feed) {
        double v = Math.min(feed, settings.maxRate()) / SECONDS_PER_MINUTE;
        double a = settings.acceleration();
        if (length <= 0) {
            return 0;
        }
        if (length >= v * v / a) {
            return length / v + v / a; // cruise, plus the time lost accelerating and braking
        }
        return 2 * Math.sqrt(length / a);
    }

    /** Machine time passing within a block: called with the seconds since the block began, holding the lock. */
    private interface Progress {
        void at(double secondsIntoBlock);
    }

    /** Lets {@code seconds} of machine time pass, pausing under hold; false if reset meanwhile. */
    private boolean elapse(double seconds, long generation, Progress progress) throws InterruptedException {
        double remaining = seconds;
        while (remaining > 0) {
            double slice = settings.speedFactor() > 0 ? Math.min(SLICE_SECONDS, remaining) : remaining;
            synchronized (this) {
                if (hold && generation == resets && !stopped) {
                    holdComplete = true;
                    notifyAll();
                    while (hold && generation == resets && !stopped) {
                        wait();
                    }
                    holdComplete = false;
                    pacer.rebase();
                }
                if (generation != resets || stopped) {
                    return false;
                }
                motionSeconds += slice;
                progress.at(seconds - remaining + slice);
            }
            pacer.advance(slice);
            remaining -= slice;
        }
        return true;
    }

    /** Appends the current position to the recorded path, starting a new path when the pen changes. */
    private void trace() {
        boolean penDown = spindle > 0 || z < MachineSettings.PEN_CONTACT_Z;
        Point here = new Point(x, y);
        if (penDown != currentPenDown) {
            if (currentPath.size() > 1) {
                paths.add(new Polyline(currentPath, currentPenDown));
            }
            Point last = currentPath.get(currentPath.size() - 1);
            currentPath = new ArrayList<>();
            currentPath.add(last);
            currentPenDown = penDown;
        }
        if (!here.equals(currentPath.get(currentPath.size() - 1))) {
            currentPath.add(here);
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
