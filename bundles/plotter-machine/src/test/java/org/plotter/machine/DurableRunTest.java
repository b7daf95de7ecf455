package org.plotter.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plotter.machine.TestMachines.servoGrbl;
import static org.plotter.machine.TestMachines.session;
import static org.plotter.machine.TestMachines.squares;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.DurableJob;
import org.plotter.api.machine.DurablePlot;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.JournalledJob;
import org.plotter.api.machine.PortInfo;
import org.plotter.api.sketch.Polyline;
import org.plotter.machine.TestMachines.CountingPorts;

/**
 * Durable jobs on the simulated GRBL, on a port the session keeps a journal for: a controller reset in
 * the middle of a job is continued from where the machine stopped, on the queue thread, with every square
 * drawn once and one Finished; with no time to reconnect the job ends and its journal resumes it; a job
 * waiting for its machine to come back stops waiting when cancelled.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurableRunTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Eight squares of 10 mm: 320 mm of pen-down path; 58 lines. */
    private static final int SQUARES = 8;
    private static final double DRAWN_MM = SQUARES * 40.0;

    @TempDir
    Path jobs;
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void journalsInATemporaryDirectory() {
        System.setProperty("plotter.jobs", jobs.toString());
    }

    @AfterEach
    void journalsBack() {
        System.clearProperty("plotter.jobs");
    }

    private static DurablePlot plot(Duration reconnectFor) {
        return new DurablePlot("squares", servoGrbl(), "test", reconnectFor);
    }

    @Test
    void aResetInTheMiddleIsContinuedFromWhereTheMachineStoppedWithOneFinished() throws Exception {
        CountingPorts ports = new CountingPorts("bench:");
        // GRBL resets as line 40 arrives, with moves queued: ALARM:3, the queue lost, the position kept
        ConfiguredMachineSession session = session("bench:speed=4,fault=reset@40", ports);
        GcodeProgram program = squares(10, 10, SQUARES);
        DurableJob job = session.plot(program, plot(Duration.ofSeconds(30)), events::add);
        JobResult result = job.await(WAIT);
        assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), result + " " + notices() + ", port opened " + ports.opened.get() + " times");
        assertEquals(program.lines().size(), result.linesAcknowledged(), "counted in the program's lines");
        assertEquals(1, job.reconnects());
        assertEquals(1, events.stream().filter(JobEvent.Finished.class::isInstance).count(), "one Finished: " + events);
        assertTrue(events.get(events.size() - 1) instanceof JobEvent.Finished, "Finished last");
        assertTrue(notices().stream().anyMatch(n -> n.contains("reconnecting to bench:")), notices().toString());
        assertTrue(notices().stream().anyMatch(n -> n.startsWith("the machine stopped at")), notices().toString());
        assertTrue(notices().stream().anyMatch(n -> n.startsWith("continued after")), notices().toString());
        assertEquals(1, ports.opened.get(), "a reset keeps the connection");
        assertEquals(DRAWN_MM, drawnLength(job), 0.05, "every square once");
        JournalledJob journal = new JournalDirectory().read(job.journal().orElseThrow());
        assertTrue(journal.completed(), String.valueOf(journal));
        assertEquals(program.lines(), journal.program());
        session.deactivate();
    }

    @Test
    void withNoTimeToReconnectTheJobEndsAndItsJournalContinuesIt() throws Exception {
        CountingPorts ports = new CountingPorts("bench:");
        ConfiguredMachineSession session = session("bench:speed=4,fault=reset@40", ports);
        GcodeProgram program = squares(10, 10, SQUARES);
        DurableJob first = session.plot(program, plot(Duration.ZERO), events::add);
        JobResult stopped = first.await(WAIT);
        assertEquals(JobResult.JobFailure.MACHINE_RESET, stopped.failure().orElseThrow().code(), String.valueOf(stopped));
        assertEquals(0, first.reconnects());
        JournalDirectory journals = new JournalDirectory();
        JournalledJob interrupted = journals.read(first.journal().orElseThrow());
        assertFalse(interrupted.completed());
        assertTrue(interrupted.finished().orElseThrow().contains(JobResult.JobFailure.MACHINE_RESET), String.valueOf(interrupted));
        assertTrue(interrupted.executed() > 0 && interrupted.executed() <= interrupted.sent(), String.valueOf(interrupted));
        assertEquals(List.of(interrupted.id()), journals.ids());

        // ALARM:3 leaves GRBL locked; the person at the machine unlocks it ('plotter unlock'), then resumes
        session.console(console -> {
            console.unlock(WAIT);
            return null;
        }, WAIT);
        events.clear();
        DurableJob rest = session.resume(interrupted, program, plot(Duration.ZERO), events::add);
        JobResult resumed = rest.await(WAIT);
        assertEquals(JobResult.Outcome.COMPLETED, resumed.outcome(), String.valueOf(resumed) + events);
        assertEquals(interrupted.id(), rest.journal().orElseThrow(), "the same journal goes on");
        assertTrue(journals.read(interrupted.id()).completed());
        // the same simulated machine drew both runs: together, every square once
        assertEquals(DRAWN_MM, drawnLength(rest), 0.05, "every square once over both runs");
        session.deactivate();
    }

    @Test
    void aJobWaitingForItsMachineStopsWaitingWhenCancelled() throws Exception {
        CountingPorts ports = new CountingPorts("bench:");
        String port = "bench:speed=2";
        ports.listed = List.of(new PortInfo(port, "simulated", Optional.empty(), Optional.empty()));
        ConfiguredMachineSession session = session(port, ports);
        DurableJob job = session.plot(squares(10, 10, SQUARES), plot(Duration.ofMinutes(10)), events::add);
        awaitEvent(e -> e instanceof JobEvent.Executed ran && ran.lines() >= 10);
        // the cable pulled, and the port gone from the system's list: it will not open again
        ports.listed = List.of(new PortInfo("elsewhere", "simulated", Optional.empty(), Optional.empty()));
        ports.unplug();
        awaitEvent(e -> e instanceof JobEvent.Notice n && n.message().contains("reconnecting to"));
        job.cancel();
        JobResult result = job.await(Duration.ofSeconds(30));
        assertEquals(JobResult.JobFailure.CONNECTION_LOST, result.failure().map(JobResult.JobFailure::code).orElse(""),
                "it ends as the unplug left it, not ten minutes later: " + result);
        assertTrue(events.get(events.size() - 1) instanceof JobEvent.Finished);
        JournalledJob journal = new JournalDirectory().read(job.journal().orElseThrow());
        assertTrue(journal.finished().orElseThrow().contains(JobResult.JobFailure.CONNECTION_LOST), "resumable later: " + journal);
        session.deactivate();
    }

    private void awaitEvent(java.util.function.Predicate<JobEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.stream().noneMatch(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(events.stream().anyMatch(wanted), "never came: " + events);
    }

    private List<String> notices() {
        return events.stream().filter(JobEvent.Notice.class::isInstance).map(e -> ((JobEvent.Notice) e).message()).toList();
    }

    private static double drawnLength(DurableJob job) {
        return job.executionRecord().orElseThrow().motion().paths().stream().filter(Polyline::penDown).mapToDouble(Polyline::length).sum();
    }
}
