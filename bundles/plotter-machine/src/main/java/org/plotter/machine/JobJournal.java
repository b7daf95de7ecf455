package org.plotter.machine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.JournalledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a job has done, kept where a killed process cannot lose it: a directory per job with the program as
 * streamed, what it was streamed to, and an append-only log of lines sent, acknowledged and executed.
 * "Sent" is written ahead, fsync'd before the lines go out ({@value #SENT_RESERVE} at a time), so the journal
 * never says less than the machine may have received, even after the host lost power; "sending", the exact
 * count, is written before each line goes out but not fsync'd: it outlives a killed process (the system
 * still writes it), and then bounds the search more closely. "Executed" is fsync'd at least once a second,
 * so it is at most a second behind. A resume takes the stop point between the two from the machine's position.
 * The reserve never reaches a line the job's {@link LineHolds} keep back until more has run than the log says
 * on the disk: a held line is announced with a fresh reserve, whose fsync takes the executed count with it, so
 * even after a power cut the two bounds never hold both visits of a point.
 */
final class JobJournal implements JobListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobJournal.class);
    static final String PROGRAM = "program.gcode", JOB = "job.properties", LOG_FILE = "journal.log";
    /** Lines announced as sent with each write-ahead record: one fsync for this many lines. */
    static final int SENT_RESERVE = 16;
    private static final long FSYNC_NANOS = 1_000_000_000L;

    private final Path dir;
    private final int total;
    private final LineHolds holds;
    /**
     * A stream, not a FileChannel: a channel is closed for good when the thread writing to it is interrupted,
     * and drivers interrupt their reader threads (which deliver the events written here) as a job ends.
     */
    private final FileOutputStream log;
    private boolean open = true;
    private int reservedSent, acknowledged, executed, pausedAt;
    /**
     * Lines that may have reached the machine: exactly what was sent, where {@link #reservedSent} is up to
     * {@value #SENT_RESERVE} more. A continuation searches no further: with a closed stroke in the reserve, the
     * machine at its start would be taken as having drawn it.
     */
    private int sent;
    private long lastSync = System.nanoTime();

    private JobJournal(Path dir, int total, LineHolds holds, int sent, int executed) throws IOException {
        this.dir = dir;
        this.total = total;
        this.holds = holds;
        this.reservedSent = sent;
        this.sent = sent;
        this.executed = executed;
        this.log = new FileOutputStream(dir.resolve(LOG_FILE).toFile(), true);
    }

    /** Where jobs are kept: {@code -Dplotter.jobs}, else {@code $XDG_DATA_HOME/plotter/jobs}, else {@code ~/.local/share/plotter/jobs}. */
    static Path directory() {
        String set = System.getProperty("plotter.jobs");
        if (set != null) {
            return Path.of(set);
        }
        String data = System.getenv("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("plotter").resolve("jobs");
    }

    /** A new job's journal: the program and where it goes are written (and fsync'd) before anything is sent. */
    static JobJournal create(String name, List<String> program, String port, String profile, Optional<String> serialNumber, LineHolds holds)
            throws IOException {
        Path jobs = directory();
        Files.createDirectories(jobs);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = stamp + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = jobs.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = jobs.resolve(base + "-" + n);
        }
        Files.createDirectory(dir);
        writeSynced(dir.resolve(PROGRAM), String.join("\n", program) + "\n");
        Properties job = new Properties();
        job.setProperty("port", port);
        job.setProperty("profile", profile);
        job.setProperty("lines", Integer.toString(program.size()));
        job.setProperty("sha256", sha256(program));
        job.setProperty("created", Instant.now().toString());
        serialNumber.ifPresent(s -> job.setProperty("serial.number", s));
        try (Writer out = new java.io.StringWriter()) {
            job.store(out, "a plotter job: 'plotter resume " + dir.getFileName() + "' continues it");
            writeSynced(dir.resolve(JOB), out.toString());
        }
        return new JobJournal(dir, program.size(), holds, 0, 0);
    }

    /** Reads a job's journal back; a job that does not exist or whose files do not agree is bad input. */
    static JournalledJob read(String id) {
        Path dir = directory().resolve(id);
        if (id.isBlank() || id.contains("/") || !Files.isDirectory(dir)) {
            throw new InvalidInputException("no job '" + id + "' in " + directory() + " ('plotter resume --list' shows them)");
        }
        try {
            Properties job = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve(JOB))) {
                job.load(in);
            }
            List<String> program = Files.readAllLines(dir.resolve(PROGRAM), StandardCharsets.US_ASCII);
            if (!sha256(program).equals(job.getProperty("sha256"))) {
                throw new InvalidInputException(dir.resolve(PROGRAM) + " is not the program that was streamed (its hash differs)");
            }
            int sent = 0, sending = 0, ack = 0, exec = 0;
            boolean exact = false;
            String finished = null;
            Path logFile = dir.resolve(LOG_FILE);
            for (String record : Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.US_ASCII) : List.<String>of()) {
                String[] f = record.split(" ", 2);
                if (f.length < 2) {
                    continue; // a record cut off by the kill
                }
                try {
                    switch (f[0]) {
                        case "sent" -> sent = Math.max(sent, Integer.parseInt(f[1]));
                        case "sending" -> {
                            sending = Math.max(sending, Integer.parseInt(f[1]));
                            exact = true;
                        }
                        case "acknowledged" -> ack = Math.max(ack, Integer.parseInt(f[1]));
                        case "executed" -> exec = Math.max(exec, Integer.parseInt(f[1]));
                        case "finished" -> finished = f[1];
                        case "resumed" -> {
                            // lines the last run sent past the stop never ran: from here only the new run's count
                            sent = Integer.parseInt(f[1]);
                            sending = sent;
                            finished = null;
                        }
                        default -> { }
                    }
                } catch (NumberFormatException cutOff) {
                    // the last record, half written
                }
            }
            return new JournalledJob(dir.getFileName().toString(), program, job.getProperty("port"), job.getProperty("profile"),
                    // the reserve is the lower of the two when the kill cut its record off: then that line had not gone out
                    Optional.ofNullable(job.getProperty("serial.number")), Math.min(exact ? Math.min(sending, sent) : sent, program.size()), ack, exec,
                    Optional.ofNullable(finished));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read job " + id + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Appends to an existing job's journal, for its resumption. */
    static JobJournal reopen(JournalledJob job, LineHolds holds) throws IOException {
        return new JobJournal(directory().resolve(job.id()), job.program().size(), holds, job.sent(), job.executed());
    }

    /** Every job's id, oldest first (ids begin with their time). */
    static List<String> ids() throws IOException {
        Path jobs = directory();
        if (!Files.isDirectory(jobs)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> listed = Files.list(jobs)) {
            return listed.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Lines the machine has surely run, as far as this journal knows. */
    synchronized int executedAtLeast() {
        return executed;
    }

    /** Lines that may have reached the machine since the last resumption. */
    synchronized int sentAtMost() {
        return sent;
    }

    String id() {
        return dir.getFileName().toString();
    }

    /**
     * A run that goes on from where the machine stopped: lines up to {@code afterLine} may have run (the line
     * it stopped inside counts), none after it (its events are counted in the program's lines).
     */
    synchronized void resumed(int afterLine) {
        this.reservedSent = afterLine; // reserve again from the stop: what the last run reserved past it never ran
        this.sent = afterLine;
        append("resumed " + afterLine, true);
    }

    @Override
    public synchronized void onEvent(JobEvent event) {
        if (event instanceof JobEvent.Sent announced) {
            int lines = announced.lines();
            if (lines > sent) {
                sent = lines;
                append("sending " + lines, false);
            }
            if (lines > reservedSent) {
                reservedSent = lines;
                // up to the reserve, but not to a line held for more than has run: this fsync makes 'executed' durable too
                while (reservedSent < Math.min(total, lines + SENT_RESERVE - 1) && holds.mustHaveRun(reservedSent + 1) <= executed) {
                    reservedSent++;
                }
                append("sent " + reservedSent, true);
            }
        } else if (event instanceof JobEvent.Progress progress) {
            int lines = progress.acknowledged();
            if (lines > acknowledged) {
                acknowledged = lines;
                append("acknowledged " + lines, false);
            }
        } else if (event instanceof JobEvent.Executed done) {
            executed(done.lines());
        } else if (event instanceof JobEvent.ProgramPause pause) {
            // GRBL and Marlin answer M0 once the moves before it ran; once the operator continues, the pause ran too
            pausedAt = pause.line();
            executed(pause.line() - 1);
        } else if (event instanceof JobEvent.Resumed && pausedAt > 0) {
            executed(pausedAt);
            pausedAt = 0;
        } else if (event instanceof JobEvent.Finished end) {
            finished(end.result());
        }
    }

    /** How the job ended: its durable job delivers one Finished, after every continuation. */
    private void finished(JobResult result) {
        // the failure's code too: a plot cut off from its machine left the machine running its queue
        append("finished " + result.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + result.failure().map(f -> " " + f.code()).orElse(""), true);
    }

    private void executed(int lines) {
        if (lines > executed) {
            executed = lines;
            append("executed " + lines, false);
        }
    }

    /** One record; {@code sync}: on the disk before this returns, else within a second. */
    private void append(String record, boolean sync) {
        if (!open) {
            return; // the run has ended: what comes now is its last event, already accounted for
        }
        try {
            log.write((record + "\n").getBytes(StandardCharsets.US_ASCII));
            if (sync || System.nanoTime() - lastSync > FSYNC_NANOS) {
                log.getFD().sync();
                lastSync = System.nanoTime();
            }
        } catch (IOException e) {
            // the plot goes on: a journal that cannot be written only costs the ability to resume
            LOG.warn("cannot write the job journal {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            log.getFD().sync();
            log.close();
        } catch (IOException e) {
            LOG.warn("cannot close the job journal {}: {}", dir, e.getMessage());
        }
    }

    private static void writeSynced(Path file, String text) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
    }

    static String sha256(List<String> program) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : program) {
                digest.update(line.getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
