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
        try (JobJournal journal = JobJournal.create("test", program(), "/dev/ttyTEST", "grbl-servo", Optional.empty())) {
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
        try (JobJournal journal = JobJournal.create("test", program(), "/dev/ttyTEST", "grbl-servo", Optional.empty())) {
            journal.onEvent(new JobEvent.Sent(1));
            id = journal.id();
        }
        Path log = jobs.resolve(id).resolve(JobJournal.LOG_FILE);
        Files.writeString(log, "sent " + JobJournal.SENT_RESERVE + "\n");
        assertEquals(JobJournal.SENT_RESERVE, JobJournal.read(id).sent());
    }

    private static List<String> program() {
        List<String> program = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            program.add("G1 X" + i + " Y0 F1000");
        }
        return program;
    }
}
