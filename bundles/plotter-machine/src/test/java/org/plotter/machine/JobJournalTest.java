package org.plotter.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.machine.JobEvent;

/** What a journal says was sent: exact in the process and after a kill, the fsync'd reserve when nothing finer survived. */
class JobJournalTest {
    @TempDir
    Path jobs;
    private String before;

    @BeforeEach
    void useTemporaryJobs() {
        before = System.getProperty("plotter.jobs");
        System.setProperty("plotter.jobs", jobs.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("plotter.jobs");
        } else {
            System.setProperty("plotter.jobs", before);
        }
    }

    @Test
    void whatWasSentIsKnownExactlyInTheProcessAndAfterAKill() throws Exception {
        try (JobJournal journal = JobJournal.create("test", program(), "/dev/ttyTEST", "grbl-servo", Optional.empty(), LineHolds.none())) {
            for (int line = 1; line <= 5; line++) {
                journal.onEvent(new JobEvent.Sent(line));
            }
            assertEquals(5, journal.sentAtMost(), "this process knows what it sent");
            assertEquals(5, JobJournal.read(journal.id()).sent(), "a killed process leaves its last record with the system");
            assertTrue(Files.readString(jobs.resolve(journal.id()).resolve(JobJournal.LOG_FILE)).contains("sent " + JobJournal.SENT_RESERVE + "\n"),
                    "the reserve, fsync'd ahead");
            journal.resumed(3);
            assertEquals(3, journal.sentAtMost(), "from the stop on");
            assertEquals(3, JobJournal.read(journal.id()).sent());
            journal.onEvent(new JobEvent.Sent(4));
            assertEquals(4, journal.sentAtMost());
            assertEquals(4, JobJournal.read(journal.id()).sent());
        }
    }

    /** A journal whose unsynced records were lost with the host's power keeps only the reserve, the bound it says. */
    @Test
    void withoutTheExactRecordsTheReserveBoundsWhatWasSent() throws Exception {
        String id;
        try (JobJournal journal = JobJournal.create("test", program(), "/dev/ttyTEST", "grbl-servo", Optional.empty(), LineHolds.none())) {
            journal.onEvent(new JobEvent.Sent(1));
            id = journal.id();
        }
        Path log = jobs.resolve(id).resolve(JobJournal.LOG_FILE);
        Files.writeString(log, "sent " + JobJournal.SENT_RESERVE + "\n");
        assertEquals(JobJournal.SENT_RESERVE, JobJournal.read(id).sent());
    }

    /**
     * The reserve, all a power cut leaves, never covers a line held for more than the disk says has run: it stops
     * short of it, and the held line is announced with a fresh reserve whose fsync takes the executed count along.
     */
    @Test
    void theReserveStopsShortOfALineHeldForMoreThanHasRun() throws Exception {
        int[] waits = new int[100];
        waits[9] = 4; // line 10 comes back to a point of line 4
        try (JobJournal journal = JobJournal.create("test", program(), "/dev/ttyTEST", "grbl-servo", Optional.empty(), LineHolds.of(waits))) {
            Path log = jobs.resolve(journal.id()).resolve(JobJournal.LOG_FILE);
            journal.onEvent(new JobEvent.Sent(1));
            assertTrue(Files.readString(log).endsWith("sent 9\n"), Files.readString(log));
            for (int line = 2; line <= 9; line++) {
                journal.onEvent(new JobEvent.Sent(line));
            }
            journal.onEvent(new JobEvent.Executed(4));
            journal.onEvent(new JobEvent.Sent(10));
            String records = Files.readString(log);
            int reserve = records.indexOf("sent " + (10 + JobJournal.SENT_RESERVE - 1) + "\n");
            assertTrue(reserve > records.indexOf("executed 4\n") && records.contains("executed 4\n"), records);
            assertEquals(10, JobJournal.read(journal.id()).sent());
        }
    }

    private static List<String> program() {
        List<String> program = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            program.add("G1 X" + i + " Y0 F1000");
        }
        return program;
    }
}
