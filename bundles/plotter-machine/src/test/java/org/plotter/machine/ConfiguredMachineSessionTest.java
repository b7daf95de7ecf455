package org.plotter.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plotter.machine.TestMachines.servoGrbl;
import static org.plotter.machine.TestMachines.servoMarlin;
import static org.plotter.machine.TestMachines.session;
import static org.plotter.machine.TestMachines.squares;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plotter.machine.TestMachines.CountingPorts;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PortInfo;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.driver.grbl.GrblDriver;

/**
 * A session on the simulated GRBL with the real GRBL driver: jobs one after another on one connection,
 * their events in order, console commands between jobs, a queued job cancelled before it starts, and an
 * ended session that stops its job and closes its port.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConfiguredMachineSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void jobsRunOneAfterAnotherOnOneConnectionWithTheirEventsInOrder() throws Exception {
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:", ports);
        List<String> seen = new CopyOnWriteArrayList<>();
        session.addListener(e -> seen.add(e.getClass().getSimpleName()));
        List<String> first = new CopyOnWriteArrayList<>(), second = new CopyOnWriteArrayList<>();
        PlotJob a = session.submit(squares(10, 10, 3), e -> first.add(e.getClass().getSimpleName() + " " + seen.size()));
        PlotJob b = session.submit(squares(10, 40, 2), e -> second.add(e.getClass().getSimpleName() + " " + seen.size()));
        assertEquals(JobResult.Outcome.COMPLETED, a.await(WAIT).outcome());
        assertEquals(JobResult.Outcome.COMPLETED, b.await(WAIT).outcome());
        assertEquals(1, ports.opened.get(), "one connection for both jobs");
        assertEquals(5, ports.drawn().size(), "both drawings, on one machine");
        assertEquals(40.0, ports.drawn().get(3).points().get(0).y(), 1e-9, "the second job's strokes after the first's");
        assertEquals(2, seen.stream().filter("Connected"::equals).count(), String.valueOf(seen));
        assertTrue(seen.lastIndexOf("Connected") > seen.indexOf("Finished"), "the second job's events come after the first job's end: " + seen);
        assertTrue(first.get(first.size() - 1).startsWith("Finished") && second.stream().anyMatch(e -> e.startsWith("Connected")), "own listeners too");
        session.deactivate();
        assertEquals(1, ports.closed.get(), "the port closed with the session");
    }

    /**
     * A file made elsewhere, with G92 (the square is drawn 100 mm right of its numbers) and G28 (the last
     * stroke starts at the origin, not at G28's intermediate point): what the simulated GRBL draws is what the
     * reader said it would, on the GRBL protocol and on Marlin's.
     */
    @Test
    void aForeignProgramsOffsetsAndHomingDrawWhereTheReaderSaysTheyDo() throws Exception {
        List<String> file = List.of("G21 G90", "G0 X110 Y10", "G92 X10 Y10", "M3 S30", "G1 X20 Y10 F3000", "G1 X20 Y20", "G1 X10 Y20",
                "G1 X10 Y10", "M3 S0", "G92.1", "G28 X150 Y60", "M3 S30", "G1 X0 Y5", "M3 S0");
        for (org.plotter.api.gcode.FirmwareProfile profile : List.of(servoGrbl(), servoMarlin())) {
            String port = profile.protocol().name().equals("marlin") ? "sim:firmware=marlin" : "sim:";
            CountingPorts ports = new CountingPorts();
            ConfiguredMachineSession session = session(port, ports, profile);
            org.plotter.api.gcode.GcodeProgram program = new org.plotter.gcode.GcodeFileReader().read(file, profile);
            JobResult result = session.submit(program, e -> { }).await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), profile.id() + ": " + result);
            List<Polyline> expected = program.planned().paths().stream().filter(Polyline::penDown).toList();
            List<Polyline> drawn = ports.drawn();
            assertEquals(expected.size(), drawn.size(), profile.id() + ": " + drawn);
            for (int i = 0; i < expected.size(); i++) {
                List<Point> want = expected.get(i).points(), got = drawn.get(i).points();
                assertEquals(want.size(), got.size(), profile.id() + " stroke " + i + ": " + got);
                for (int k = 0; k < want.size(); k++) {
                    assertEquals(want.get(k).x(), got.get(k).x(), 1e-6, profile.id() + " stroke " + i);
                    assertEquals(want.get(k).y(), got.get(k).y(), 1e-6, profile.id() + " stroke " + i);
                }
            }
            assertEquals(110, drawn.get(0).points().get(0).x(), 1e-6, "where the G92 point is");
            assertEquals(0, drawn.get(1).points().get(0).x(), 1e-6, "from the origin after G28");
            session.deactivate();
        }
    }

    /** A machine that ends with the process (the simulator, by its factory's word) leaves nothing to resume: no journal. */
    @Test
    void aDurablePlotOnAMachineThatEndsWithTheProcessKeepsNoJournal() throws Exception {
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:", ports);
        org.plotter.api.machine.DurableJob job = session.plot(squares(10, 10, 2),
                new org.plotter.api.machine.DurablePlot("squares", servoGrbl(), "test", Duration.ofSeconds(5)), e -> { });
        assertEquals(JobResult.Outcome.COMPLETED, job.await(WAIT).outcome());
        assertTrue(job.journal().isEmpty(), "journalled: " + job.journal());
        session.deactivate();
    }

    @Test
    void marlinJobsOneAfterAnotherShareOneConnection() throws Exception {
        // Marlin's reader reads lines through a buffer and closes it when its job ends: the session's connection outlives both
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:firmware=marlin", ports, servoMarlin());
        PlotJob a = session.submit(squares(10, 10, 3), e -> { });
        PlotJob b = session.submit(squares(10, 40, 2), e -> { });
        assertEquals(JobResult.Outcome.COMPLETED, a.await(WAIT).outcome());
        JobResult second = b.await(WAIT);
        assertEquals(JobResult.Outcome.COMPLETED, second.outcome(), String.valueOf(second));
        assertEquals(1, ports.opened.get(), "one connection for both jobs");
        assertEquals(5, ports.drawn().size(), "both drawings, on one machine");
        JobEvent.Status status = session.console(console -> console.status(Duration.ofSeconds(5)), Duration.ofSeconds(10));
        assertEquals(25.0, status.x(), 0.01, "a console after them on the same connection: the second job's last corner");
        session.deactivate();
    }

    @Test
    void aConsoleCommandWaitsForTheRunningJobAndUsesTheSameConnection() throws Exception {
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:speed=4", ports);
        PlotJob job = session.submit(squares(10, 10, 4), e -> { });
        JobEvent.Status status = session.console(console -> console.status(Duration.ofSeconds(5)), Duration.ofSeconds(5));
        assertEquals(JobResult.Outcome.COMPLETED, job.await(Duration.ZERO).outcome(), "the job had ended when the console ran");
        assertEquals("Idle", status.state());
        assertEquals(55.0, status.x(), 0.01, "where the job left the machine: its last square's corner");
        assertEquals(1, ports.opened.get());
        session.deactivate();
    }

    @Test
    void aJobCancelledWhileQueuedNeverStarts() throws Exception {
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:speed=4", ports);
        PlotJob running = session.submit(squares(10, 10, 3), e -> { });
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        PlotJob queued = session.submit(squares(10, 40, 3), events::add);
        assertTrue(session.queued() >= 1);
        queued.cancel();
        JobResult never = queued.await(WAIT);
        assertEquals(JobResult.Outcome.CANCELLED, never.outcome());
        assertEquals(Optional.of("not started"), never.machineLeft());
        assertEquals(JobResult.Outcome.COMPLETED, running.await(WAIT).outcome());
        assertTrue(events.isEmpty(), "no event from a job that never started: " + events);
        assertEquals(3, ports.drawn().size(), "only the first job drew");
        session.deactivate();
    }

    @Test
    void anEndedSessionStopsItsJobSafelyAndClosesThePort() throws Exception {
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:speed=1", ports);
        PlotJob job = session.submit(squares(10, 10, 8), e -> { });
        Thread.sleep(1500);
        session.deactivate();
        JobResult result = job.await(WAIT);
        assertEquals(JobResult.Outcome.CANCELLED, result.outcome());
        assertEquals(Optional.of("stopped, planner cleared, pen up"), result.machineLeft());
        assertEquals(1, ports.closed.get());
        for (Polyline stroke : ports.drawn()) {
            Point start = stroke.points().get(0);
            assertEquals(10.0, start.y(), 1e-9, "what was drawn is the job's");
        }
    }

    /**
     * A job started at once: what the starter throws comes back as it was thrown and leaves the session free, a
     * second start while one runs is refused, and a port that will not open says so.
     */
    @Test
    void aStartedJobRunsAtOnceAndItsStarterFailuresComeBack() throws Exception {
        CountingPorts ports = new CountingPorts();
        ConfiguredMachineSession session = session("sim:speed=4", ports);
        GrblDriver driver = new GrblDriver();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> session.start((connection, events) -> { throw new IllegalArgumentException("the program leaves the travel"); }, e -> { }));
        assertEquals("the program leaves the travel", refused.getMessage());
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        PlotJob job = session.start((connection, listener) -> driver.start(connection, squares(10, 10, 3), servoGrbl(), listener), events::add);
        IllegalStateException busy = assertThrows(IllegalStateException.class,
                () -> session.start((connection, listener) -> driver.start(connection, squares(10, 40, 1), servoGrbl(), listener), e -> { }));
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
        assertEquals(JobResult.Outcome.COMPLETED, job.await(WAIT).outcome());
        assertTrue(events.stream().anyMatch(JobEvent.Connected.class::isInstance), "the job's own listener: " + events);
        assertEquals(3, ports.drawn().size());
        session.deactivate();

        CountingPorts none = new CountingPorts();
        none.listed = List.of(new PortInfo("sim:speed=5", "elsewhere", Optional.empty(), Optional.empty()));
        ConfiguredMachineSession nowhere = session("sim:speed=4", none);
        IOException closed = assertThrows(IOException.class, () -> nowhere.start((connection, listener) -> driver.start(connection,
                squares(10, 10, 1), servoGrbl(), listener), e -> { }));
        assertEquals("cannot open port sim:speed=4: no such port", closed.getMessage());
        nowhere.deactivate();
    }

    /** A machine whose port went away and came back under another name is found by its USB serial number. */
    @Test
    void aPortRenamedByTheSystemIsFoundByItsSerialNumber() throws Exception {
        CountingPorts ports = new CountingPorts();
        Optional<String> serial = Optional.of("A50285BI");
        ports.listed = List.of(new PortInfo("sim:speed=4", "USB serial", Optional.of("0403:6001"), serial));
        ConfiguredMachineSession session = session("sim:speed=4", ports);
        GrblDriver driver = new GrblDriver();
        assertEquals(JobResult.Outcome.COMPLETED, session.start((connection, listener) -> driver.start(connection, squares(10, 10, 1),
                servoGrbl(), listener), e -> { }).await(WAIT).outcome());
        // the cable is pulled: a job that cannot reach the machine leaves the port closed for the next one
        IOException lost = assertThrows(IOException.class,
                () -> session.start((connection, listener) -> { throw new IOException("the machine does not answer"); }, e -> { }));
        assertEquals("the machine does not answer", lost.getMessage());
        assertEquals(1, ports.closed.get(), "the port was closed");
        ports.listed = List.of(new PortInfo("sim:speed=5", "USB serial", Optional.of("0403:6001"), serial));
        PlotJob again = session.start((connection, listener) -> driver.start(connection, squares(10, 40, 1), servoGrbl(), listener), e -> { });
        assertEquals(JobResult.Outcome.COMPLETED, again.await(WAIT).outcome());
        assertEquals("sim:speed=5", ports.last.port(), "opened under its new name");
        session.deactivate();
    }

    /** A job that has ended no longer holds the session: the next start, at once after its await, is taken (a continuation). */
    @Test
    void aStartRightAfterAJobEndedIsNotRefusedAsBusy() throws Exception {
        ConfiguredMachineSession session = session("sim:", new CountingPorts());
        for (int i = 0; i < 200; i++) {
            PlotJob done = session.start((connection, listener) -> new PlotJob() {
                @Override
                public void pause() {
                }

                @Override
                public void resume() {
                }

                @Override
                public void cancel() {
                }

                @Override
                public JobResult await(Duration timeout) {
                    return new JobResult(JobResult.Outcome.COMPLETED, 0, Optional.empty(), Duration.ZERO, Optional.empty());
                }
            }, e -> { });
            assertEquals(JobResult.Outcome.COMPLETED, done.await(WAIT).outcome(), "start " + i);
        }
        session.deactivate();
    }
}
