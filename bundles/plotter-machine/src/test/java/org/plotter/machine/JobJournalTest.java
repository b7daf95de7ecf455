package org.plotter.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.machine.JobEvent;

/** What a journal says was sent: exact within the process, the write-ahead reserve once read back. */
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
    void aContinuationInTheProcessSearchesOnlyTheLinesSentWhileAKilledOneSearchesTheReserve() throws Exception {
        List<String> program = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            program.add("G1 X" + i + " Y0 F1000");
        }
        try (JobJournal journal = JobJournal.create("test", program, "/dev/ttyTEST", "grbl-servo", Optional.empty())) {
            check(journal);
        }
    }

    private static void check(JobJournal journal) {
        for (int line = 1; line <= 5; line++) {
            journal.onEvent(new JobEvent.Sent(line));
        }
        assertEquals(5, journal.sentAtMost(), "this process knows what it sent");
        assertEquals(JobJournal.SENT_RESERVE, JobJournal.read(journal.id()).sent(), "written ahead, one fsync for the reserve");
        journal.resumed(3);
        assertEquals(3, journal.sentAtMost(), "from the stop on");
        journal.onEvent(new JobEvent.Sent(4));
        assertEquals(4, journal.sentAtMost());
        assertEquals(3 + JobJournal.SENT_RESERVE, JobJournal.read(journal.id()).sent());
    }
}
