package org.plotter.driver.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.gcode.motion.GrblMotionModel;

/**
 * The machine's motion side: a planner queue of {@value #PLANNER_BLOCKS} blocks (as GRBL's), executed
 * in simulated time by GRBL's motion model ({@link GrblMotionModel}): when a block starts, its exit speed
 * is planned over the blocks queued behind it (corner speeds from the junction deviation, the last
 * queued block able to stop), and it runs a trapezoid from its entry to that exit speed. Dwells and
 * spindle changes synchronise as GRBL's do: they wait until every queued move has run, so the machine
 * stops there. The pen touches the paper when the spindle PWM is on with {@code S > 0} (servo pens) or
 * {@code Z < 0} (Z pens); every move is recorded with that state.
 */
final class MotionSimulator {
    static final int PLANNER_BLOCKS = 15;
    /**
     * How long the host must be silent before an unpaced machine starts a move with a part-full planner:
     * far longer than a reply's round trip, so a send-and-wait host still fills the planner.
     */
    private static final long HOST_PAUSE_NANOS = 20_000_000L;
    /** Simulated time per wall-clock slice while paced, so holds take effect mid-move. */
    private static final double SLICE_SECONDS = 0.02;

    sealed interface Block {}

    /** A move to (x, y, z) at {@code feed} mm/min, or at the machine's maximum rate when {@code rapid} ({@code G0}). */
    record Linear(double x, double y, double z, double feed, boolean rapid) implements Block {}

    record Dwell(double seconds) implements Block {}

    record Spindle(double power) implements Block {}

    /** A program pause ({@code M0}): once every queued move has run, the machine holds until cycle start. */
    record ProgramPause() implements Block {}

    private final MachineSettings settings;
    private final GrblMotionModel model;
    private final ArrayDeque<Linear> planner = new ArrayDeque<>();
    /** Speed² (mm²/s²) at which the next block starts: the last block's exit, 0 from rest. */
    private double entrySquared;
    /** When the last move arrived (wall clock), for starting an unpaced machine only once the host pauses. */
    private long lastArrivalNanos;
    /** A dwell or spindle change waits for the planner to empty: nothing more can arrive until it has. */
    private boolean synchronising;
    private final List<Polyline> paths = new ArrayList<>();
    private List<Point> currentPath = new ArrayList<>();
    private boolean currentPenDown;
    private double x, y, z, spindle, feed;
    private double motionSeconds;
    private boolean executing;
    private boolean hold;
    /** Held by the program ({@code M0}) rather than by the host: GRBL reports Hold:0 even with nothing queued. */
    private boolean programPause;
    /** Under hold, the current block has stopped: GRBL's Hold:0 (hold complete). */
    private boolean holdComplete;
    private final Pacer pacer;
    private boolean stopped;
    private long resets;

    MotionSimulator(MachineSettings settings) {
        this.settings = settings;
        this.model = new GrblMotionModel(settings.acceleration(), settings.maxRate(), settings.junctionDeviation(), PLANNER_BLOCKS);
        this.pacer = Pacer.realTime(settings.speedFactor());
        currentPath.add(new Point(0, 0));
        Thread worker = new Thread(this::run, "sim-motion");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a move, waiting while the planner is full; a dwell or spindle change first waits until
     * every queued move has run, then happens here. False if a reset or shutdown intervened.
     */
    boolean submit(Block block) throws InterruptedException {
        return submit(block, generation());
    }

    /** Resets so far: a block submitted with an older count came from before a reset, and is dropped. */
    synchronized long generation() {
        return resets;
    }

    /** {@link #submit(Block)} for a line read when the reset count was {@code generation}. */
    boolean submit(Block block, long generation) throws InterruptedException {
        synchronized (this) {
            if (block instanceof Linear move) {
                // the block being executed keeps its slot until it has run, as in GRBL's ring buffer
                while (planner.size() + (executing ? 1 : 0) >= PLANNER_BLOCKS && generation == resets && !stopped) {
                    wait();
                }
                if (generation != resets || stopped) {
                    return false;
                }
                planner.add(move);
                lastArrivalNanos = System.nanoTime();
                notifyAll();
                return true;
            }
            synchronising = true;
            notifyAll();
            try {
                while ((executing || !planner.isEmpty()) && generation == resets && !stopped) {
                    wait();
                }
            } finally {
                synchronising = false;
            }
            if (generation != resets || stopped) {
                return false;
            }
        }
        if (block instanceof Dwell dwell) {
            return elapse(dwell.seconds(), generation);
        }
        synchronized (this) {
            if (block instanceof ProgramPause) {
                hold = true;
                programPause = true;
                return true;
            }
            spindle = ((Spindle) block).power();
            trace();
        }
        return true;
    }

    synchronized void hold() {
        hold = true;
    }

    synchronized void cycleStart() {
        hold = false;
        programPause = false;
        notifyAll();
    }

    /**
     * Soft reset: drops queued motion, stops where the machine is and turns the spindle off, as GRBL's
     * {@code mc_reset} does. Returns true if the machine was in motion (position may be lost: ALARM:3);
     * after a completed feed hold it is not.
     */
    synchronized boolean reset() {
        boolean moving = moving();
        planner.clear();
        hold = false;
        programPause = false;
        executing = false; // the block in progress is abandoned where it is
        entrySquared = 0;
        resets++;
        trace(); // where the abandoned block got to, drawn with the pen as it was
        spindle = 0;
        trace();
        notifyAll();
        return moving;
    }

    /** {@link #reset()} if the machine is moving, as one step; false, changing nothing, if it is not. */
    synchronized boolean resetIfMoving() {
        return moving() && reset();
    }

    private boolean moving() {
        return (executing || !planner.isEmpty()) && !(hold && holdComplete());
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
        if (hold && (executing || !planner.isEmpty() || programPause)) {
            return holdComplete() ? "Hold:0" : "Hold:1";
        }
        return executing || !planner.isEmpty() ? "Run" : "Idle";
    }

    /** Planner slots free for new moves, as GRBL's {@code Bf:} reports them. */
    synchronized int blocksFree() {
        return PLANNER_BLOCKS - planner.size() - (executing ? 1 : 0);
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
                Linear move;
                long generation;
                double[] from;
                synchronized (this) {
                    while ((planner.isEmpty() || hold || waitingForHost()) && !stopped) {
                        executing = false;
                        notifyAll();
                        wait(planner.isEmpty() || hold ? 0 : 2);
                    }
                    if (stopped) {
                        return;
                    }
                    move = planner.poll();
                    executing = true;
                    generation = resets;
                    from = new double[] {x, y, z};
                    feed = move.rapid() ? settings.maxRate() : move.feed();
                    notifyAll(); // room in the planner
                }
                execute(move, from, generation);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Unpaced, simulated time does not wait for the wire: starting a move before the host has sent what
     * follows would plan it to a stop that a real machine, fed while it moves, would not make. So an
     * unpaced machine starts once its planner is full or the host has paused. Caller holds the lock.
     */
    private boolean waitingForHost() {
        return settings.speedFactor() <= 0 && planner.size() < PLANNER_BLOCKS && !synchronising
                && System.nanoTime() - lastArrivalNanos < HOST_PAUSE_NANOS;
    }

    /** The exit speed² of {@code block} planned over the moves queued behind it. Caller holds the lock. */
    private double plannedExit(GrblMotionModel.Block block, Linear move, double entry) {
        List<GrblMotionModel.Block> window = new ArrayList<>();
        window.add(block);
        double[] at = {move.x(), move.y(), move.z()};
        for (Linear next : planner) {
            if (window.size() >= PLANNER_BLOCKS) {
                break;
            }
            double[] to = {next.x(), next.y(), next.z()};
            GrblMotionModel.Block b = model.block(at, to, next.feed(), next.rapid());
            if (b != null) {
                window.add(b);
            }
            at = to;
        }
        double[] junctions = new double[window.size() - 1];
        for (int i = 0; i + 1 < window.size(); i++) {
            junctions[i] = model.junctionSpeedSquared(window.get(i), window.get(i + 1));
        }
        return model.plannedExitSquared(window, junctions, 0, entry);
    }

    /**
     * Runs one move in slices, re-planning its exit speed at every slice over the moves queued behind it
     * by then, as GRBL re-plans when a line arrives during a move.
     */
    private void execute(Linear move, double[] from, long generation) throws InterruptedException {
        GrblMotionModel.Block block = model.block(from, new double[] {move.x(), move.y(), move.z()}, move.feed(), move.rapid());
        if (block != null) {
            double travelled = 0;
            while (true) {
                GrblMotionModel.Block rest = GrblMotionModel.remainder(block, travelled);
                double entry, exit, slice, remaining;
                synchronized (this) {
                    if (!continueAfterHold(generation)) {
                        return;
                    }
                    entry = entrySquared;
                    exit = plannedExit(rest, move, entry);
                    remaining = GrblMotionModel.seconds(rest, entry, exit);
                    slice = settings.speedFactor() > 0 ? Math.min(SLICE_SECONDS, remaining) : remaining;
                    double f = Math.min(1, (travelled + GrblMotionModel.distanceAfter(rest, entry, exit, slice)) / block.length());
                    travelled = f * block.length();
                    double speed = GrblMotionModel.speedAfter(rest, entry, exit, slice);
                    entrySquared = slice >= remaining ? exit : speed * speed;
                    x = from[0] + f * (move.x() - from[0]);
                    y = from[1] + f * (move.y() - from[1]);
                    z = from[2] + f * (move.z() - from[2]);
                    motionSeconds += slice;
                }
                pacer.advance(slice);
                if (slice >= remaining) {
                    break;
                }
            }
        }
        synchronized (this) {
            x = move.x();
            y = move.y();
            z = move.z();
            trace();
        }
    }

    /**
     * Under a feed hold, stops here (hold complete) until cycle start, and resumes from rest without
     * catching up the time held. False if a reset or shutdown came instead. Caller holds the lock.
     */
    private boolean continueAfterHold(long generation) throws InterruptedException {
        if (hold && generation == resets && !stopped) {
            holdComplete = true;
            notifyAll();
            while (hold && generation == resets && !stopped) {
                wait();
            }
            holdComplete = false;
            pacer.rebase();
            entrySquared = 0; // a hold stops the machine
        }
        return generation == resets && !stopped;
    }

    /** Lets {@code seconds} of machine time pass (a dwell), pausing under hold; false if reset meanwhile. */
    private boolean elapse(double seconds, long generation) throws InterruptedException {
        double remaining = seconds;
        while (remaining > 0) {
            double slice = settings.speedFactor() > 0 ? Math.min(SLICE_SECONDS, remaining) : remaining;
            synchronized (this) {
                if (!continueAfterHold(generation)) {
                    return false;
                }
                motionSeconds += slice;
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
