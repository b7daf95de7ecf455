package org.plotter.driver.grbl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.OrderedJobEvents;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.JobResult.JobFailure;
import org.plotter.api.machine.JobResult.Outcome;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a program to GRBL 1.1 by character counting: a line is sent only while the bytes of all
 * unacknowledged lines (each plus its newline) fit the controller's receive buffer; every {@code ok}
 * or {@code error} frees its line's bytes. Realtime bytes ({@code ?}, {@code !}, {@code ~},
 * {@code 0x18}) bypass the count.
 *
 * <p>Every wait is bounded ({@link GrblTiming}): a machine that stops answering, an {@code ok} that is
 * lost while the machine sits idle, or motion that stalls ends the job with a reason. A job that does
 * not complete leaves the machine safe: feed hold, then (once the hold is complete, so GRBL keeps its
 * position) a soft reset that clears the planner, then the profile's pen-up commands. The job's three
 * threads end with it, so the next job can use the same connection.
 */
final class GrblStreamer implements PlotJob {
    static final byte STATUS_QUERY = '?';
    static final byte FEED_HOLD = '!';
    static final byte CYCLE_START = '~';
    static final byte SOFT_RESET = 0x18;
    private static final Logger LOG = LoggerFactory.getLogger(GrblStreamer.class);
    private static final long POLL_MILLIS = 50;
    private static final java.util.regex.Pattern DWELL = java.util.regex.Pattern.compile("(?i)\\s*G0*4(?![\\d.]).*");
    /** How long a homing cycle may take: the slowest search over the longest travel, with room to spare. */
    private static final Duration HOMING_TIMEOUT = Duration.ofMinutes(2);
    /**
     * After a restart in the job, how long no reply must come before the lines on the wire are taken as all
     * answered: GRBL parses a line in well under a millisecond, and a fresh planner has room for it.
     */
    private static final Duration RESTART_QUIET = Duration.ofMillis(300);

    /** Why the stream stops; {@code touchMachine} false when the controller already stopped itself (alarm, lost link). */
    private record Stop(Outcome outcome, JobFailure failure, boolean touchMachine) {}

    private final PlotterConnection connection;
    private final List<String> lines;
    /** What goes on the wire for each line: what GRBL keeps of it ({@link GrblLine}) and a newline. */
    private final List<byte[]> wire;
    private final FirmwareProfile profile;
    private final OrderedJobEvents listener;
    private final int rxBufferBytes;
    private final GrblTiming timing;
    private final GrblJobOptions options;
    private boolean leavingCheckMode;
    private final Object lock = new Object();
    private final CharacterCounting inFlight;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Instant started = Instant.now();
    private Thread reader;
    private int acknowledged;
    private String firmware;
    private GrblStatus status;
    private long statusReports;
    private final MachineLiveness liveness = new MachineLiveness();
    private final ExecutedLines executed;
    private int executedReported;
    /** Lines a resume must see run (as the listener was told) before a later line goes out. */
    private final LineHolds holds;
    private boolean paused;
    /** Asked to pause at the next pen lift ({@link #pauseAtPenUp}): the sender stops after the next pen-up line. */
    private boolean pauseAtPenUp;
    /** Lines that lift the pen (the profile's pen-up commands). */
    private final BitSet penUpLines = new BitSet();
    /** Paused because the machine went silent ({@link JobEvent.MachineSilent}), until the operator resumes. */
    private boolean silentPaused;
    /** Held by the program's own {@code M0} (a pen change), waiting for the operator's {@link #resume}. */
    private boolean programPaused;
    private final BitSet pauseLines = new BitSet();
    /** Replies to commands sent outside the program ({@code $H}) while no program line is in flight. */
    private int commandAcks;
    private boolean awaitingCommand;
    private final List<String> commandLines = new ArrayList<>();
    private String commandError;
    private boolean stopping;
    private int banners;
    private final ControllerRestart restart = new ControllerRestart();
    /** The most free receive-buffer bytes a status report has shown: GRBL's buffer, empty. */
    private int mostRxFree = -1;
    private int stopAcks;
    private String alarmWhileStopping;
    private Stop stop;
    private JobResult result;

    GrblStreamer(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, LineHolds holds, GrblTiming timing,
                 JobListener listener) {
        this.connection = connection;
        this.lines = program.lines();
        this.profile = profile;
        this.listener = new OrderedJobEvents(listener); // threads report at once; Finished stays last
        this.rxBufferBytes = profile.protocol().rxBufferBytes();
        this.inFlight = new CharacterCounting(rxBufferBytes);
        this.timing = timing;
        this.options = GrblJobOptions.of(profile);
        this.executed = new ExecutedLines(lines);
        this.holds = options.checkOnly() ? LineHolds.none() : holds; // nothing moves in check mode
        this.wire = lines.stream().map(line -> (GrblLine.asKept(line) + "\n").getBytes(StandardCharsets.US_ASCII)).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (ProgramPause.isPause(lines.get(i))) {
                pauseLines.set(i);
            }
            if (profile.pen().lifts(lines.get(i))) {
                penUpLines.set(i);
            }
        }
    }

    void start() {
        reader = thread(new GrblLineReader(connection.input(), () -> done.getCount() > 0, this::heard, this::handle,
                reason -> request(new Stop(Outcome.FAILED, failure(0, JobFailure.CONNECTION_LOST, reason + " (" + connection.port() + ")"), false))),
                "grbl-reader");
        thread(this::run, "grbl-sender");
        thread(this::pollStatus, "grbl-status");
    }

    private Thread thread(Runnable body, String name) {
        Thread t = new Thread(body, name + " " + connection.port());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The most bytes that were ever unacknowledged at once. */
    int maxInFlightBytes() {
        synchronized (lock) {
            return inFlight.mostBytes();
        }
    }

    @Override
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
        writeRealtime(FEED_HOLD);
        listener.onEvent(new JobEvent.Paused());
    }

    @Override
    public void pauseAtPenUp() {
        synchronized (lock) {
            pauseAtPenUp = true;
        }
    }

    @Override
    public void resume() {
        writeRealtime(CYCLE_START);
        synchronized (lock) {
            pauseAtPenUp = false;
            paused = false;
            programPaused = false;
            silentPaused = false;
            liveness.resumed();
        }
        listener.onEvent(new JobEvent.Resumed());
    }

    @Override
    public void cancel() {
        request(new Stop(Outcome.CANCELLED, null, true));
    }

    @Override
    public JobResult await(Duration timeout) throws InterruptedException {
        if (done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            synchronized (lock) {
                return result;
            }
        }
        synchronized (lock) {
            return new JobResult(Outcome.TIMED_OUT, acknowledged, Optional.empty(), Duration.between(started, Instant.now()), Optional.empty());
        }
    }

    // ---- the sender thread: handshake, stream, wait for the machine, then stop safely if needed

    private void run() {
        try {
            if (linesFit() && handshake() && (options.checkOnly() || homeIfAsked()) && programFitsMachine()
                    && (!options.checkOnly() || command("$C", timing.handshake(), "check mode ($C)") != null)) {
                listener.onEvent(new JobEvent.Connected(firmware));
                stream();
            }
        } catch (InterruptedException e) {
            request(new Stop(Outcome.CANCELLED, null, true));
        } catch (IOException e) {
            request(new Stop(Outcome.FAILED, failure(0, JobFailure.CONNECTION_LOST, "lost the connection to " + connection.port() + ": " + e.getMessage()), false));
        }
        Stop why;
        synchronized (lock) {
            why = stop;
            stopping = true;
        }
        if (why.failure() != null && why.failure().code().equals(JobFailure.MACHINE_RESET)) {
            drainAfterRestart();
        }
        String machineLeft = why.outcome() == Outcome.COMPLETED || !why.touchMachine() ? null : leaveMachineSafe();
        complete(why, machineLeft);
    }

    /**
     * Refuses, before anything is sent, a program with a line GRBL would refuse as too long ({@code error:11}) or
     * that could never fit its receive buffer: found in the middle of a drawing, either would end it there.
     */
    private boolean linesFit() {
        for (int i = 0; i < lines.size(); i++) {
            int kept = wire.get(i).length - 1;
            if (kept > options.lineChars() || !inFlight.everFits(wire.get(i).length)) {
                request(new Stop(Outcome.FAILED, failure(i + 1, "too long", "GRBL would keep " + kept + " characters of this line (without spaces and"
                        + " comments), more than the " + Math.min(options.lineChars(), rxBufferBytes - 1) + " it takes (" + GrblJobOptions.LINE_CHARS
                        + " and the receive buffer in the profile); nothing was sent"), false));
                return false;
            }
        }
        return true;
    }

    /** A banner, or a status report from a controller that was already running; one soft reset if silent. */
    private boolean handshake() throws InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (attempt > 0) {
                writeRealtime(SOFT_RESET);
            }
            long deadline = System.nanoTime() + timing.handshake().toNanos();
            while (System.nanoTime() < deadline) {
                writeRealtime(STATUS_QUERY);
                synchronized (lock) {
                    awaitLocked(() -> firmware != null || statusReports > 0, Duration.ofMillis(250));
                    if (stop != null) {
                        return false;
                    }
                    if (firmware != null || statusReports > 0) {
                        if (firmware == null) {
                            firmware = "GRBL (already running)";
                        }
                        return notInAlarm();
                    }
                }
            }
        }
        request(new Stop(Outcome.FAILED, failure(0, "no answer", "no GRBL greeting or status on " + connection.port()
                + " within " + timing.handshake().toMillis() + " ms, even after a reset"), false));
        return false;
    }

    /** Refuses a machine locked in an alarm; the status thread asks for the report. Caller holds the lock. */
    private boolean notInAlarm() throws InterruptedException {
        awaitLocked(() -> status != null, timing.handshake());
        if (status != null && status.state().equals("Alarm") && !options.homing()) {
            requestLocked(new Stop(Outcome.FAILED, failure(0, "Alarm",
                    "the machine is locked in an alarm state; home it or unlock it with $X first"), false));
            return false;
        }
        return stop == null;
    }

    /**
     * {@code $H} when the profile asks for it (it also clears the alarm GRBL starts in when homing is
     * enabled); GRBL answers once the cycle is done, so the wait is the homing bound, not the reply bound.
     */
    private boolean homeIfAsked() throws InterruptedException, IOException {
        return !options.homing() || command("$H", HOMING_TIMEOUT, "homing ($H)") != null;
    }

    /**
     * Reads the machine's settings ({@code $$}) and refuses a program that would leave its travel or ask
     * for more than its maximum rates, before any line of it is sent. A machine that lists no such
     * settings (FluidNC keeps them elsewhere) is not checked; {@code protocol.check.settings=false} skips it.
     */
    private boolean programFitsMachine() throws InterruptedException, IOException {
        if (!options.checkSettings()) {
            return true;
        }
        List<String> listed = command("$$", timing.handshake(), "reading the settings ($$)");
        if (listed == null) {
            return false;
        }
        GrblSettings settings = GrblSettings.parse(listed);
        Optional<JobFailure> refused = settings.refusal(ProgramExtent.of(lines), lines);
        refused.ifPresent(f -> request(new Stop(Outcome.FAILED, f, false)));
        return refused.isEmpty() && reportPlannerBlocks(settings);
    }

    /**
     * Turns on the planner-block count in status reports ({@code $10} bit 1, {@code Bf:}) where it is off:
     * it tells how many acknowledged lines are still queued, so an interrupted job knows what ran. It is
     * one bit of a display setting and stays on (GRBL keeps settings in EEPROM).
     */
    private boolean reportPlannerBlocks(GrblSettings settings) throws InterruptedException, IOException {
        OptionalInt mask = settings.statusReportMask();
        if (options.checkOnly() || mask.isEmpty() || (mask.getAsInt() & GrblSettings.REPORT_BUFFERS) != 0) {
            return true;
        }
        int enabled = mask.getAsInt() | GrblSettings.REPORT_BUFFERS;
        LOG.info("{}: turning on planner buffer reports ($10={}, was {}) to know which lines have run", connection.port(), enabled, mask.getAsInt());
        if (command("$10=" + enabled, timing.handshake(), "turning on buffer reports ($10)") == null) {
            return false;
        }
        synchronized (lock) {
            // an Idle report with Bf: tells the planner's size before anything moves
            long before = statusReports;
            awaitLocked(() -> statusReports > before + 1, timing.handshake());
        }
        return true;
    }

    /**
     * Sends one command outside the program and waits up to {@code timeout} for its ok; returns the lines
     * the machine said meanwhile, or null (the job stopped with the reason) on an error or no answer.
     */
    private List<String> command(String line, Duration timeout, String what) throws InterruptedException, IOException {
        int before;
        synchronized (lock) {
            before = commandAcks;
            awaitingCommand = true;
            commandError = null;
            commandLines.clear();
        }
        write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        synchronized (lock) {
            awaitLocked(() -> commandAcks > before, timeout);
            awaitingCommand = false;
            if (stop != null) {
                return null;
            }
            if (commandAcks == before) {
                requestLocked(new Stop(Outcome.FAILED, failure(0, "no answer", what + " was not answered within "
                        + MachineLiveness.seconds(timeout)), true));
                return null;
            }
            if (commandError != null) {
                requestLocked(new Stop(Outcome.FAILED, failure(0, commandError, what + " failed: " + GrblCodes.error(
                        Integer.parseInt(commandError.substring(commandError.indexOf(':') + 1)))), false));
                return null;
            }
            return List.copyOf(commandLines);
        }
    }

    private void stream() throws InterruptedException, IOException {
        for (int i = 0; i < lines.size(); i++) {
            byte[] bytes = wire.get(i);
            if (i > 0 && penUpLines.get(i - 1) && !stopAtPenUp()) {
                return;
            }
            synchronized (lock) {
                int mustHaveRun = holds.mustHaveRun(i + 1);
                // a line that comes back to a point still queued waits for that visit to run (see LineHolds)
                awaitLive(options.sendResponse() ? () -> inFlight.isEmpty() && listener.executed() >= mustHaveRun
                        : () -> inFlight.fits(bytes.length) && listener.executed() >= mustHaveRun);
                if (stop != null) {
                    return;
                }
                inFlight.sent(i, bytes.length);
            }
            listener.onEvent(new JobEvent.Sent(i + 1)); // before the bytes: a journal never counts fewer than went out
            write(bytes);
        }
        synchronized (lock) {
            awaitLive(inFlight::isEmpty);
            if (!options.checkOnly()) {
                // after the last ok the planner may still be moving: wait for two Idle reports in a row
                awaitLive(liveness::settledIdle);
                requestLocked(new Stop(Outcome.COMPLETED, null, false));
                return;
            }
            leavingCheckMode = true;
        }
        // every line passed GRBL's parser; leaving check mode resets GRBL, which greets again
        int bannersBefore;
        synchronized (lock) {
            bannersBefore = banners;
        }
        if (command("$C", timing.handshake(), "leaving check mode ($C)") == null) {
            return;
        }
        synchronized (lock) {
            awaitLocked(() -> banners > bannersBefore, timing.handshake());
            leavingCheckMode = false;
            requestLocked(new Stop(Outcome.COMPLETED, null, false));
        }
    }

    /**
     * At a pen lift with a pause asked for: waits until the machine has run everything (pen up, idle), says
     * the job is paused and waits for {@link #resume}. False if the job stopped meanwhile.
     */
    private boolean stopAtPenUp() throws InterruptedException {
        synchronized (lock) {
            if (!pauseAtPenUp) {
                return true;
            }
            awaitLive(() -> inFlight.isEmpty() && liveness.settledIdle());
            if (stop != null) {
                return false;
            }
            pauseAtPenUp = false;
            paused = true;
        }
        listener.onEvent(new JobEvent.Paused());
        synchronized (lock) {
            awaitLive(() -> !paused);
            return stop == null;
        }
    }

    /**
     * Waits until {@code condition} holds or the job is stopping, checking all along that the machine
     * is alive: answering, acknowledging while it has work, moving while it runs. Caller holds the lock.
     */
    private void awaitLive(BooleanSupplier condition) throws InterruptedException {
        while (stop == null && !condition.getAsBoolean()) {
            switch (silentPaused ? MachineLiveness.Verdict.ALIVE : liveness.check(timing, paused || programPaused, !inFlight.isEmpty())) {
                case SILENT -> pauseSilentMachine();
                case REPLY_LOST -> replyLost();
                case STALLED -> requestLocked(new Stop(Outcome.FAILED, failure(pendingLine(), "stalled",
                        "the machine reports Run but has not moved for " + MachineLiveness.seconds(timing.stall())), true));
                case ALIVE -> lock.wait(POLL_MILLIS);
            }
        }
    }

    /**
     * Lines unacknowledged while the machine idles. With {@code Bf:} reporting GRBL's receive buffer empty,
     * every byte sent was taken: the missing oks were lost on the way and streaming goes on. With bytes still
     * in it, GRBL is busy with a line (a dwell, a late answer): nothing is lost yet. Without {@code Bf:} it
     * cannot be told which: the job stops, and since where the machine stands tells which lines ran, the
     * failure is resumable. Caller holds the lock.
     */
    private void replyLost() {
        OptionalInt rxFree = status == null ? OptionalInt.empty() : status.rxBytesFree();
        boolean dwelling = DWELL.matcher(lines.get(inFlight.oldest().index())).matches();
        if (dwelling || rxFree.isPresent() && rxFree.getAsInt() < rxBufferBytes) {
            liveness.acknowledged(); // still working through its buffer, or a dwell (GRBL idles in it and answers after it)
            return;
        }
        if (rxFree.isPresent()) {
            LOG.warn("{}: {} ok(s) lost on the way: GRBL is idle with its receive buffer empty, so it took every line sent (to line {})",
                    connection.port(), inFlight.size(), inFlight.newest().index() + 1);
            List<JobEvent> events = new ArrayList<>();
            while (!inFlight.isEmpty()) {
                credit(inFlight.answered(), events);
            }
            liveness.acknowledged();
            events.forEach(listener::onEvent);
            return;
        }
        // replies are positional: which ok was lost cannot be known, only that one was
        requestLocked(new Stop(Outcome.FAILED, failure(0, JobFailure.REPLY_LOST, inFlight.size()
                + " line(s) still unacknowledged although the machine has been idle for " + MachineLiveness.seconds(timing.lostReply())
                + ": a reply was lost (last line sent: " + (inFlight.newest().index() + 1) + ")"), true));
    }

    /**
     * A machine that has said nothing, not even to {@code ?}, for the silence bound: the job pauses itself and
     * says so, instead of failing or waiting for ever. A feed hold goes out in case only its answers are lost.
     * The operator resumes (once it answers again) or cancels. Caller holds the lock.
     */
    private void pauseSilentMachine() {
        paused = true;
        silentPaused = true;
        int line = pendingLine();
        LOG.warn("{}: the machine has not answered for {}; the job is paused at line {}", connection.port(),
                MachineLiveness.seconds(timing.silence()), line);
        writeRealtime(FEED_HOLD);
        listener.onEvent(new JobEvent.MachineSilent(timing.silence(), line));
    }

    /** Waits until {@code condition} holds, the job stops or {@code timeout} passes. Caller holds the lock. */
    private void awaitLocked(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && stop == null && System.nanoTime() < deadline) {
            lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** Index + 1 of the oldest unacknowledged line, 0 if none. Caller holds the lock. */
    private int pendingLine() {
        CharacterCounting.Sent oldest = inFlight.oldest();
        return oldest == null ? 0 : oldest.index() + 1;
    }

    // ---- stopping safely

    /**
     * Feed hold until the machine has stopped, a soft reset (clears the planner and the receive
     * buffer; after a completed hold GRBL keeps its position and raises no alarm), then the pen up.
     * Every step is bounded. Returns how the machine was left.
     */
    private String leaveMachineSafe() {
        try {
            long reportsBefore;
            synchronized (lock) {
                reportsBefore = statusReports;
            }
            writeRealtime(FEED_HOLD);
            writeRealtime(STATUS_QUERY);
            int bannersBefore;
            synchronized (lock) {
                // a report from after the hold: a stale Idle would reset a moving machine (ALARM:3)
                awaitStopping(() -> statusReports > reportsBefore + 1 && (status.holdComplete() || status.state().equals("Idle")), timing.stopStep());
                bannersBefore = banners;
            }
            synchronized (lock) {
                restart.resetting();
            }
            writeRealtime(SOFT_RESET);
            synchronized (lock) {
                inFlight.clear();
                awaitStopping(() -> banners > bannersBefore, timing.stopStep());
                if (banners == bannersBefore) {
                    return "unknown: the machine did not answer the reset";
                }
                if (alarmWhileStopping != null) {
                    return "in alarm (" + alarmWhileStopping + "): it was still moving when reset; home or unlock it ($X), then lift the pen";
                }
            }
            for (String command : profile.pen().up()) {
                int acksBefore;
                synchronized (lock) {
                    acksBefore = stopAcks;
                }
                write((command + "\n").getBytes(StandardCharsets.US_ASCII));
                synchronized (lock) {
                    awaitStopping(() -> stopAcks > acksBefore, timing.stopStep());
                    if (stopAcks == acksBefore) {
                        return "stopped, planner cleared; the pen-up command '" + command + "' was not acknowledged";
                    }
                }
            }
            return "stopped, planner cleared, pen up";
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown: interrupted while stopping";
        }
    }

    /**
     * After the controller restarted in the job: GRBL runs the lines still on the wire in its fresh state (after a
     * reset while idle) or refuses them (in its alarm), and their replies follow its greeting. Waits, each wait
     * bounded by a stop step, for the greeting, then until a status report finds GRBL's receive buffer empty (where
     * it reports it) and no reply has come for {@link #RESTART_QUIET}: every such reply is counted here, and none
     * is left for whoever talks to the machine next to take as the answer to its own command.
     */
    private void drainAfterRestart() {
        try {
            synchronized (lock) {
                awaitStopping(restart::restarted, timing.stopStep());
            }
            long deadline = System.nanoTime() + timing.stopStep().toNanos();
            while (System.nanoTime() < deadline) {
                long reportsBefore;
                synchronized (lock) {
                    reportsBefore = statusReports;
                }
                writeRealtime(STATUS_QUERY);
                synchronized (lock) {
                    awaitStopping(() -> statusReports > reportsBefore, timing.stopStep());
                    boolean bufferEmpty = status == null || status.rxBytesFree().isEmpty() || status.rxBytesFree().getAsInt() >= mostRxFree;
                    if (statusReports > reportsBefore && bufferEmpty && restart.quietFor(RESTART_QUIET)) {
                        return;
                    }
                    lock.wait(POLL_MILLIS);
                }
            }
            LOG.warn("{}: the controller restarted and went on answering lines for {}", connection.port(), MachineLiveness.seconds(timing.stopStep()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #awaitLocked} for the stop sequence, which runs after the stop was requested. */
    private void awaitStopping(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    // ---- replies, from the reader thread

    private void heard() {
        synchronized (lock) {
            liveness.heard();
        }
    }

    private void handle(GrblResponse reply) {
        LOG.debug("< {}", reply.text());
        List<JobEvent> events = new ArrayList<>(2);
        synchronized (lock) {
            switch (reply.kind()) {
                case OK -> {
                    CharacterCounting.Sent line;
                    if (restart.answeredAfterRestart(true)) {
                        LOG.debug("{}: an ok to a line that reached it after it restarted", connection.port());
                    } else if (stopping) {
                        stopAcks++;
                    } else if ((line = inFlight.answered()) != null) {
                        credit(line, events);
                        liveness.acknowledged();
                    } else {
                        commandAcks++; // $H, or an ok for a command sent before this job
                    }
                }
                case ERROR -> {
                    if (restart.answeredAfterRestart(false)) {
                        LOG.info("{}: {} to a line that reached it after it restarted", connection.port(), reply.text());
                    } else if (stopping) {
                        stopAcks++;
                    } else if (inFlight.isEmpty() && awaitingCommand) {
                        commandError = reply.text();
                        commandAcks++;
                    } else {
                        CharacterCounting.Sent failed = inFlight.answered();
                        int index = failed == null ? -1 : failed.index();
                        requestLocked(new Stop(Outcome.FAILED, new JobFailure(index + 1, index < 0 ? "" : lines.get(index),
                                reply.text(), GrblCodes.error(reply.code())), true));
                    }
                }
                case ALARM -> {
                    restart.alarmed();
                    if (stopping) {
                        alarmWhileStopping = reply.text();
                    } else {
                        // ALARM:3 is GRBL's reset during motion: the queue is gone but the position is still counted
                        String code = reply.code() == GrblCodes.RESET_WHILE_IN_MOTION ? JobFailure.MACHINE_RESET : reply.text();
                        requestLocked(new Stop(Outcome.FAILED, failure(pendingLine(), code,
                                (code.equals(reply.text()) ? "" : reply.text() + " ") + GrblCodes.alarm(reply.code())), false));
                    }
                }
                case STATUS -> {
                    GrblStatus report = reply.status().orElseThrow();
                    mostRxFree = Math.max(mostRxFree, report.rxBytesFree().orElse(-1));
                    liveness.reported(report);
                    status = report;
                    statusReports++;
                    events.add(new JobEvent.Status(report.stateName(), report.x(), report.y()));
                    int nowExecuted = options.checkOnly() || !restart.plannerIntact() ? 0 : executed.after(report, acknowledged);
                    if (nowExecuted > executedReported) {
                        executedReported = nowExecuted;
                        events.add(new JobEvent.Executed(nowExecuted));
                    }
                }
                case BANNER -> {
                    banners++;
                    if (restart.greeted(firmware == null, leavingCheckMode)) {
                        // lines still on their way when it restarted would run out of their context (GRBL takes new lines
                        // after a reset while idle): held, most of them wait to be cleared by the next soft reset instead
                        writeRealtime(FEED_HOLD);
                        requestLocked(new Stop(Outcome.FAILED, failure(pendingLine(), JobFailure.MACHINE_RESET, "the controller restarted during the job"), false));
                    } else if (firmware == null) {
                        firmware = reply.firmware();
                    }
                }
                case MESSAGE, OTHER -> {
                    if (awaitingCommand) {
                        commandLines.add(reply.text());
                    } else {
                        LOG.info("{}: {}", connection.port(), reply.text());
                    }
                }
            }
            lock.notifyAll();
        }
        events.forEach(listener::onEvent);
        if (events.stream().anyMatch(JobEvent.Executed.class::isInstance)) {
            synchronized (lock) {
                lock.notifyAll(); // a held line goes out once the journal knows the line it waits for ran
            }
        }
    }

    /** {@code line} was answered: progress, and the operator's turn if it is a program pause. Caller holds the lock. */
    private void credit(CharacterCounting.Sent line, List<JobEvent> events) {
        acknowledged++;
        events.add(new JobEvent.Progress(acknowledged, lines.size()));
        if (pauseLines.get(line.index())) {
            // GRBL answers M0 once the moves before it have run, holding: the operator's turn
            programPaused = true;
            events.add(new JobEvent.ProgramPause(line.index() + 1, ProgramPause.message(lines.get(line.index()))));
        }
    }

    // ---- the status thread

    private void pollStatus() {
        try {
            while (!done.await(timing.statusInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                synchronized (lock) {
                    if (firmware == null) {
                        continue; // the handshake asks for itself
                    }
                }
                writeRealtime(STATUS_QUERY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- ending

    private JobFailure failure(int lineNumber, String code, String message) {
        return new JobFailure(lineNumber, lineNumber > 0 ? lines.get(lineNumber - 1) : "", code, message);
    }

    private void request(Stop why) {
        synchronized (lock) {
            requestLocked(why);
        }
    }

    /** The first reason to stop wins. Caller holds the lock. */
    private void requestLocked(Stop why) {
        if (stop == null) {
            stop = why;
            lock.notifyAll();
        }
    }

    private void complete(Stop why, String machineLeft) {
        JobResult finished;
        synchronized (lock) {
            JobFailure failure = restart.finalFailure(why.failure());
            result = new JobResult(why.outcome(), acknowledged, Optional.ofNullable(failure),
                    Duration.between(started, Instant.now()), Optional.ofNullable(machineLeft));
            finished = result;
        }
        reader.interrupt(); // a reader blocked on a quiet connection must not outlive the job
        try {
            listener.onEvent(new JobEvent.Finished(finished));
        } finally {
            done.countDown(); // after the last event: whoever awaits the job has had all of them
        }
    }

    private void write(byte[] bytes) throws IOException {
        synchronized (connection) {
            connection.output().write(bytes);
            connection.output().flush();
        }
    }

    private void writeRealtime(byte b) {
        try {
            write(new byte[] {b});
        } catch (IOException e) {
            LOG.debug("could not send realtime command 0x{} to {}: {}", Integer.toHexString(b), connection.port(), e.getMessage());
        }
    }
}
