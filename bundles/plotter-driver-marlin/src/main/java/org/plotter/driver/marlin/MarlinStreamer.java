package org.plotter.driver.marlin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
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
 * Streams a program to Marlin: every line numbered and checksummed ({@code M110 N0} first), at most
 * {@code protocol.window} lines unacknowledged (Marlin's BUFSIZE allows a few; default 1), a resend from
 * the line Marlin names after {@code Resend: N} (the {@code ok} that follows it answers the bad line, not a
 * good one), a failure when one line is asked for more than {@value #MAX_RESENDS} times in a row, and
 * {@code M400} at the end so the job completes when the machine has stopped. {@code echo:busy:} keeps a
 * long command alive. Silence beyond the bound with lines unanswered sends the oldest one again under its
 * own number: Marlin takes it if it never arrived, or answers {@code Resend:} with the line after it if only
 * its {@code ok} was lost (its line numbers make that safe); still nothing, and the job pauses itself
 * ({@link JobEvent.MachineSilent}). A {@code Resend:} for a line never sent is noise and is ignored. A stop sends the
 * emergency commands {@code M108} and {@code M410} (taken at once by Marlin's emergency parser), then the
 * pen-up commands. Line numbers in failures are the program's.
 */
final class MarlinStreamer implements PlotJob {
    private static final Logger LOG = LoggerFactory.getLogger(MarlinStreamer.class);
    /** How often one line may be asked for again before the job fails: a line that never arrives whole. */
    static final int MAX_RESENDS = 5;
    static final String WINDOW = "protocol.window";
    private static final Pattern M400 = Pattern.compile("(?i)M0*400(?![\\d.]).*");
    private static final Pattern PROGRAM_PAUSE = Pattern.compile("(?i)\\s*M0*[01](?![\\d.]).*");

    /** Bounds: how long to wait for the first answer, for silence while lines are pending, and for each stop step. */
    record Timing(Duration handshake, Duration silence, Duration stopStep) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), FirmwareProfile.Protocol.DEFAULT_SILENCE, Duration.ofSeconds(5));

        /** The default bounds with the profile's silence bound. */
        static Timing of(FirmwareProfile profile) {
            return new Timing(DEFAULT.handshake, profile.protocol().silence(), DEFAULT.stopStep);
        }
    }

    /**
     * A command to send, the program line (0-based) it comes from (-1 for the closing M400), and how many program
     * lines the listener must have heard ran before it goes out (see {@link LineHolds}).
     */
    private record Command(int programIndex, String text, int mustHaveRun) {}

    /** The most program lines a {@link JobEvent.Sent} has announced (resends go over lines already announced). */
    private int announcedSent;

    private record Stop(Outcome outcome, JobFailure failure, boolean touchMachine) {}

    private final PlotterConnection connection;
    private final List<String> lines;
    private final FirmwareProfile profile;
    private final OrderedJobEvents listener;
    private final Timing timing;
    private final int window;
    private final List<Command> commands = new ArrayList<>();
    private final Object lock = new Object();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Instant started = Instant.now();
    private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    private final Map<Long, Integer> resends = new HashMap<>();
    private long next = 1; // the line number to send next: command index + 1
    /** The highest line number ever sent: Marlin cannot ask for a line beyond the one after it. */
    private long highestSent;
    /** The line sent again to a silent machine, -1 if none: what Marlin says to it tells whether it had it. */
    private long probing = -1;
    private boolean silentPaused;
    /** Asked to pause at the next pen lift ({@link #pauseAtPenUp}): feeding stops after the next pen-up command. */
    private boolean pauseAtPenUp;
    private long acked;
    private int okToSkip;
    private long rewoundTo = -1;
    /** Resend requests still to come for lines sent before the last rewind: not new requests. */
    private int staleResends;
    private boolean greeted;
    private int handshakeOks;
    private boolean paused;
    private boolean programPaused;
    private boolean stopping;
    private boolean positionReported;
    private long lastHeard = System.nanoTime();
    private Stop stop;
    private JobResult result;
    private Thread reader;

    MarlinStreamer(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, LineHolds holds, Timing timing,
                   JobListener listener) {
        this.connection = connection;
        this.lines = program.lines();
        this.profile = profile;
        this.timing = timing;
        this.listener = new OrderedJobEvents(listener); // threads report at once; Finished stays last
        this.window = Math.max(1, profile.protocol().setting(WINDOW).map(String::trim).map(Integer::parseInt).orElse(1));
        for (int i = 0; i < lines.size(); i++) {
            String command = GcodeProgram.withoutComments(lines.get(i));
            if (!command.isEmpty()) {
                commands.add(new Command(i, command, holds.mustHaveRun(i + 1)));
            }
        }
        commands.add(new Command(-1, "M400", 0)); // completes once every move has run
    }

    void start() {
        reader = thread(this::read, "marlin-reader");
        thread(this::run, "marlin-sender");
    }

    private Thread thread(Runnable body, String name) {
        Thread t = new Thread(body, name + " " + connection.port());
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void pause() {
        synchronized (lock) {
            paused = true; // Marlin has no feed hold: the host stops feeding, the buffered moves finish
        }
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
        boolean release;
        synchronized (lock) {
            pauseAtPenUp = false;
            paused = false;
            silentPaused = false;
            probing = -1;
            lastHeard = System.nanoTime();
            release = programPaused;
            programPaused = false;
            if (release) {
                okToSkip++; // Marlin answers the M108 line too, after the M0 it released
            }
            lock.notifyAll();
        }
        if (release) {
            try {
                writeRaw("M108"); // continues past M0, through the emergency parser
            } catch (IOException e) {
                request(new Stop(Outcome.FAILED, failure(-1, "I/O", "could not resume: " + e.getMessage()), false));
            }
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
            return new JobResult(Outcome.TIMED_OUT, acknowledgedLines(), Optional.empty(), Duration.between(started, Instant.now()), Optional.empty());
        }
    }

    // ---- sending

    private void run() {
        try {
            if (handshake()) {
                listener.onEvent(new JobEvent.Connected("Marlin"));
                stream();
            }
        } catch (InterruptedException e) {
            request(new Stop(Outcome.CANCELLED, null, true));
        } catch (IOException e) {
            request(new Stop(Outcome.FAILED, failure(-1, JobFailure.CONNECTION_LOST, "lost the connection to " + connection.port() + ": " + e.getMessage()), false));
        }
        Stop why;
        synchronized (lock) {
            why = stop;
            stopping = true;
        }
        String left = why.outcome() == Outcome.COMPLETED || !why.touchMachine() ? null : leaveMachineSafe();
        complete(why, left);
    }

    /** Waits for the greeting (or anything: Marlin may be running already), then sets the line number. */
    private boolean handshake() throws InterruptedException, IOException {
        synchronized (lock) {
            awaitLocked(() -> greeted, timing.handshake());
            if (stop != null) {
                return false;
            }
        }
        writeRaw("M110 N0");
        synchronized (lock) {
            awaitLocked(() -> handshakeOks > 0, timing.handshake());
            if (stop == null && handshakeOks == 0) {
                requestLocked(new Stop(Outcome.FAILED, failure(-1, "no answer", "no Marlin answered M110 on " + connection.port()
                        + " within " + timing.handshake().toMillis() + " ms"), false));
            }
            return stop == null;
        }
    }

    private void stream() throws InterruptedException, IOException {
        while (true) {
            String text;
            long number;
            boolean pausing = false;
            synchronized (lock) {
                awaitLive(() -> acked == commands.size() || (!paused && next <= commands.size() && inFlight.size() < window
                        && (released(next) || checkpointDue(next))));
                if (stop != null) {
                    return;
                }
                if (acked == commands.size()) {
                    requestLocked(new Stop(Outcome.COMPLETED, null, false));
                    return;
                }
                if (!released(next)) {
                    // Marlin says what ran only by answering M400: one now, before the held line, says the lines before it did
                    commands.add((int) next - 1, new Command(commands.get((int) next - 1).programIndex() - 1, "M400", 0));
                }
                number = next++;
                highestSent = Math.max(highestSent, number);
                inFlight.add(number);
                String command = commands.get((int) number - 1).text();
                text = MarlinReply.numbered(number, command);
                if (pauseAtPenUp && profile.pen().lifts(command)) {
                    // Marlin has no feed hold: feeding stops after the pen lift, and the machine stops once it has run it
                    pauseAtPenUp = false;
                    paused = true;
                    pausing = true;
                }
            }
            int programLines = programLines(number);
            if (programLines > announcedSent) {
                announcedSent = programLines;
                listener.onEvent(new JobEvent.Sent(programLines)); // before the bytes: a journal never counts fewer than went out
            }
            writeRaw(text);
            if (pausing) {
                pausing = false;
                listener.onEvent(new JobEvent.Paused());
            }
        }
    }

    /**
     * Waits for {@code condition} while the machine keeps talking. Silence with lines unanswered sends the oldest
     * again (see the class comment); silence after that pauses the job. Caller holds the lock.
     */
    private void awaitLive(BooleanSupplier condition) throws InterruptedException {
        while (stop == null && !condition.getAsBoolean()) {
            boolean waiting = !inFlight.isEmpty() && !programPaused && !silentPaused;
            if (waiting && System.nanoTime() - lastHeard > timing.silence().toNanos()) {
                long oldest = inFlight.peek();
                lastHeard = System.nanoTime(); // the next bound counts from here
                if (probing < 0) {
                    probing = oldest;
                    LOG.info("{}: no answer to line N{} for {} s; sending it again to ask", connection.port(), oldest, timing.silence().toSeconds());
                    try {
                        writeRaw(MarlinReply.numbered(oldest, commands.get((int) oldest - 1).text()));
                    } catch (IOException e) {
                        requestLocked(new Stop(Outcome.FAILED, failure(-1, JobFailure.CONNECTION_LOST, "lost the connection to "
                                + connection.port() + ": " + e.getMessage()), false));
                    }
                } else {
                    pauseSilentMachine(commands.get((int) oldest - 1).programIndex() + 1);
                }
            }
            lock.wait(50);
        }
    }

    /** Nothing from the machine even after a line was sent again: the job pauses itself until the operator decides. */
    private void pauseSilentMachine(int line) {
        paused = true;
        silentPaused = true;
        Duration silentFor = timing.silence().multipliedBy(2);
        LOG.warn("{}: the machine has not answered for {} s; the job is paused at line {}", connection.port(), silentFor.toSeconds(), line);
        listener.onEvent(new JobEvent.MachineSilent(silentFor, line));
    }

    private void awaitLocked(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && stop == null && System.nanoTime() < deadline) {
            lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    // ---- replies

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.US_ASCII))) {
            String text;
            while (done.getCount() > 0 && (text = in.readLine()) != null) {
                handle(MarlinReply.parse(text));
            }
            if (done.getCount() > 0) {
                request(new Stop(Outcome.FAILED, failure(-1, JobFailure.CONNECTION_LOST, "the connection closed (" + connection.port() + ")"), false));
            }
        } catch (IOException e) {
            if (done.getCount() > 0) {
                request(new Stop(Outcome.FAILED, failure(-1, JobFailure.CONNECTION_LOST, "reading failed: " + e.getMessage() + " (" + connection.port() + ")"), false));
            }
        }
    }

    private void handle(MarlinReply reply) {
        LOG.debug("< {}", reply.text());
        List<JobEvent> events = new ArrayList<>(2);
        synchronized (lock) {
            lastHeard = System.nanoTime();
            if (!greeted) {
                greeted = true; // any line: the machine is there
            }
            switch (reply.kind()) {
                case OK -> {
                    if (stopping) {
                        break; // answers to the stop sequence: M114's report is what counts
                    } else if (okToSkip > 0) {
                        okToSkip--; // answers the line Marlin rejected
                    } else if (inFlight.isEmpty()) {
                        handshakeOks++;
                    } else {
                        probing = -1;
                        credit(inFlight.poll(), events, true);
                    }
                }
                case RESEND -> {
                    okToSkip++; // Marlin answers the line it rejected with an ok too
                    long wanted = reply.line().orElseThrow();
                    if (stopping) {
                        break;
                    }
                    if (wanted > highestSent + 1) {
                        // it cannot want a line after one it never had: the number was garbled on the way back
                        LOG.warn("{}: Marlin asked for line N{}, but only {} were sent: ignored as noise", connection.port(), wanted, highestSent);
                        break;
                    }
                    if (wanted <= acked) {
                        // it asks for the line after the last one it took, and it took every line it answered: noise too
                        LOG.warn("{}: Marlin asked for line N{}, which it had answered: ignored as noise", connection.port(), wanted);
                        break;
                    }
                    if (probing >= 0 && wanted > probing) {
                        // the line sent again to a silent machine was taken before: it, and all before it, were answered
                        // with oks that were lost
                        while (!inFlight.isEmpty() && inFlight.peek() < wanted) {
                            credit(inFlight.poll(), events, false);
                        }
                        probing = -1;
                        break;
                    }
                    if (wanted == rewoundTo && staleResends > 0) {
                        staleResends--; // a line sent before the rewind, rejected for following the bad one
                        break;
                    }
                    int times = resends.merge(wanted, 1, Integer::sum);
                    if (times > MAX_RESENDS) {
                        int index = (int) Math.min(Math.max(wanted - 1, 0), commands.size() - 1);
                        requestLocked(new Stop(Outcome.FAILED, failure(commands.get(index).programIndex(), "resend",
                                "Marlin asked for this line " + times + " times: it does not arrive whole (noise on the cable, or the wrong baud rate)"), true));
                    } else if (wanted >= 1) {
                        // lines from `wanted` on were not taken and are sent again; each one already sent after
                        // it will be rejected in turn, with a request for the same line
                        staleResends = (int) inFlight.stream().filter(n -> n > wanted).count();
                        inFlight.removeIf(n -> n >= wanted);
                        next = wanted;
                        rewoundTo = wanted;
                    }
                }
                case ERROR -> {
                    if (!reply.asksForResend() && !stopping) {
                        long oldest = inFlight.isEmpty() ? acked : inFlight.peek();
                        requestLocked(new Stop(Outcome.FAILED, failure(oldest >= 1 ? commands.get((int) oldest - 1).programIndex() : -1,
                                "Error", reply.text().substring(reply.text().indexOf(':') + 1).strip()), false));
                    }
                }
                case BUSY -> {
                    if (reply.text().contains("paused for user") && !programPaused && !inFlight.isEmpty()) {
                        Command pausing = commands.get((int) (long) inFlight.peek() - 1);
                        if (PROGRAM_PAUSE.matcher(pausing.text()).matches()) {
                            programPaused = true;
                            events.add(new JobEvent.ProgramPause(pausing.programIndex() + 1, message(lines.get(pausing.programIndex()))));
                        }
                    }
                }
                case START -> {
                    if (acked > 0 || !inFlight.isEmpty()) {
                        requestLocked(new Stop(Outcome.FAILED, failure(-1, JobFailure.MACHINE_RESET, "the controller restarted during the job"), false));
                    }
                }
                case ECHO, OTHER -> {
                    if (stopping && reply.text().startsWith("X:")) {
                        positionReported = true; // M114's answer: everything sent before it is done
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

    /** Whether command {@code number} may go out: the lines its hold waits for were reported run. Caller holds the lock. */
    private boolean released(long number) {
        return listener.executed() >= commands.get((int) number - 1).mustHaveRun();
    }

    /**
     * Whether an {@code M400} should go out before held command {@code number}: none is on its way to say what ran,
     * and no command numbered from here was sent before (a rewind replays those under their numbers). Caller holds the lock.
     */
    private boolean checkpointDue(long number) {
        return number > highestSent && inFlight.stream().noneMatch(n -> M400.matcher(commands.get((int) (long) n - 1).text()).matches());
    }

    /**
     * Command {@code number} was answered: progress, and a checkpoint of what ran if it is an {@code M400} whose own
     * {@code ok} came ({@code answered}; one known taken only because Marlin asked for a later line may still be waiting
     * for its moves). Caller holds the lock.
     */
    private void credit(long number, List<JobEvent> events, boolean answered) {
        acked = Math.max(acked, number);
        events.add(new JobEvent.Progress(acknowledgedLines(), lines.size()));
        if (answered && M400.matcher(commands.get((int) number - 1).text()).matches()) {
            // M400 is answered once every move before it has run: a checkpoint of what was executed
            events.add(new JobEvent.Executed(programLines(number)));
        }
    }

    /** The program lines up to and including command {@code number} (1-based). */
    private int programLines(long number) {
        int index = commands.get((int) number - 1).programIndex();
        return index < 0 ? lines.size() : index + 1;
    }

    /** Program lines acknowledged: up to the program line of the last command Marlin accepted. */
    private int acknowledgedLines() {
        return acked == 0 ? 0 : programLines(acked);
    }

    private static String message(String line) {
        int semicolon = line.indexOf(';');
        return semicolon < 0 ? "" : line.substring(semicolon + 1).strip();
    }

    // ---- stopping

    /**
     * Emergency commands first ({@code M108}, {@code M410}: Marlin's emergency parser takes them at once,
     * stopping the moves in its planner), then the pen up, unnumbered (Marlin accepts lines without
     * numbers), then {@code M114}: Marlin runs commands in order, so its position report says that all
     * before it, the pen-up included, are done. A line still in Marlin's command buffer (at most the
     * window) may run after the quickstop; the pen-up commands come after it.
     */
    private String leaveMachineSafe() {
        try {
            writeRaw("M108");
            writeRaw("M410");
            for (String command : profile.pen().up()) {
                writeRaw(command);
            }
            writeRaw("M114");
            synchronized (lock) {
                long deadline = System.nanoTime() + timing.stopStep().toNanos();
                while (!positionReported && System.nanoTime() < deadline) {
                    lock.wait(20);
                }
                return positionReported ? "moves stopped (M410), pen up"
                        : "moves stopped (M410); the pen-up was not confirmed within " + timing.stopStep().toSeconds() + " s";
            }
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown: interrupted while stopping";
        }
    }

    // ---- ending

    private JobFailure failure(int programIndex, String code, String message) {
        return new JobFailure(programIndex + 1, programIndex >= 0 ? lines.get(programIndex) : "", code, message);
    }

    private void request(Stop why) {
        synchronized (lock) {
            requestLocked(why);
        }
    }

    private void requestLocked(Stop why) {
        if (stop == null) {
            stop = why;
            lock.notifyAll();
        }
    }

    private void complete(Stop why, String machineLeft) {
        JobResult finished;
        synchronized (lock) {
            result = new JobResult(why.outcome(), acknowledgedLines(), Optional.ofNullable(why.failure()),
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

    private void writeRaw(String line) throws IOException {
        synchronized (connection) {
            connection.output().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            connection.output().flush();
        }
    }
}
