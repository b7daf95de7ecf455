package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plotter.launcher.PlotterCliTest.plotter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.launcher.PlotterCliTest.Run;

/** The command line with machines: serial ports on real pseudo-terminals, machine commands, Marlin, G-code files. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MachineCliTest {
    @TempDir
    Path out;

    @BeforeAll
    static void privateConfig() {
        TestHome.config();
    }

    /** A serial port for real: jSerialComm inside the OSGi runtime, a pseudo-terminal, the simulated GRBL behind it. */
    @Test
    void plotsThroughARealSerialPortAndProbesIt() throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat"));
        if (!socat) {
            System.err.println("SKIPPED: socat is not installed");
        }
        Assumptions.assumeTrue(socat, "socat is not installed");
        Path svg = Files.writeString(out.resolve("tri.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='100mm' height='100mm'"
                + " viewBox='0 0 100 100'><polygon points='10,90 50,10 90,90'/></svg>");
        Path tty = out.resolve("ttyPLOTTER");
        try (org.plotter.driver.sim.VirtualDevice device = org.plotter.driver.sim.VirtualDevice.onPseudoTerminal(tty, "sim:")) {
            Run probe = plotter("ports", tty.toString());
            assertEquals(0, probe.exit(), probe.err());
            assertTrue(probe.out().contains(tty + ": Grbl 1.1h") || probe.out().contains(tty + ": GRBL (answered a status query)"), probe.out());
            Run plot = plotter("plot", svg.toString(), "--port", tty.toString(), "--out", out.resolve("serial").toString());
            assertEquals(0, plot.exit(), plot.err());
            var strokes = device.machine().executionRecord().orElseThrow().motion().paths().stream().filter(p -> p.penDown()).toList();
            assertEquals(1, strokes.size(), "one closed triangle, drawn once");
            java.util.regex.Matcher planned = java.util.regex.Pattern.compile("drawing (\\d+) mm").matcher(plot.out());
            assertTrue(planned.find(), plot.out());
            assertEquals(Double.parseDouble(planned.group(1)), strokes.get(0).length(), 1.0, "the machine drew the planned length");

            // the machine's own travel is checked before anything is sent; a refused plot has nothing to resume
            Run narrowed = plotter("settings", "--port", tty.toString(), "--set", "$130=100");
            assertEquals(0, narrowed.exit(), narrowed.err());
            Run refused = plotter("plot", svg.toString(), "--port", tty.toString(), "--out", out.resolve("narrow").toString());
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("but the machine travels 100.000 mm ($130)"), refused.err());
            assertFalse(refused.err().contains("plotter resume"), "nothing ran, so no resume is offered: " + refused.err());
        }
        Run gone = plotter("plot", svg.toString(), "--port", tty.toString(), "--out", out.resolve("gone").toString());
        assertEquals(1, gone.exit(), gone.err());
        assertEquals(1, gone.err().lines().count(), gone.err());
        assertTrue(gone.err().contains("no such port: " + tty), gone.err());
    }

    /**
     * A job whose machine restarted idle and then ran lines still on their way to it, out of their place (its
     * journal's last record says so, as the GRBL driver's failure makes it write): resume refuses, sending nothing.
     */
    @Test
    void aJobWhoseMachineRanLinesOutOfPlaceIsNotResumed() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        Path gcode = Files.writeString(out.resolve("line.gcode"), "G21\nG90\nM3 S0\nG0 X10 Y10\nM3 S30\nG1 X40 Y10 F2000\nM3 S0\nG0 X0 Y0\n");
        Path tty = out.resolve("ttyOUTOFPLACE");
        try (org.plotter.driver.sim.VirtualDevice device = org.plotter.driver.sim.VirtualDevice.onPseudoTerminal(tty, "sim:")) {
            Run streamed = plotter("stream", gcode.toString(), "--port", tty.toString(), "--out", out.resolve("streamed").toString());
            assertEquals(0, streamed.exit(), streamed.err());
            Path journal;
            try (var jobs = Files.list(Path.of(System.getProperty("plotter.jobs")))) {
                journal = jobs.filter(j -> j.getFileName().toString().endsWith("-line")).findFirst().orElseThrow();
            }
            Path log = journal.resolve("journal.log");
            String records = Files.readString(log);
            assertTrue(records.endsWith("finished completed\n"), records);
            Files.writeString(log, records.replace("finished completed\n", "finished failed "
                    + org.plotter.api.machine.JobResult.JobFailure.RAN_OUT_OF_PLACE + "\n"));
            double travelled = device.machine().executionRecord().orElseThrow().motion().travelLength();

            Run resume = plotter("resume", journal.getFileName().toString(), "--yes");
            assertEquals(1, resume.exit(), resume.err());
            assertTrue(resume.err().contains("cannot be resumed: its machine restarted and then ran lines out of their place"), resume.err());
            assertEquals(travelled, device.machine().executionRecord().orElseThrow().motion().travelLength(), 1e-9, "nothing moved");
        }
    }

    /** The commands a person at the plotter uses, on one machine that stays on its port between them. */
    @Test
    void machineCommandsTalkToTheMachineOnItsPort() throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat"));
        Assumptions.assumeTrue(socat, "socat is not installed");
        Path tty = out.resolve("ttyCONSOLE");
        try (org.plotter.driver.sim.VirtualDevice device = org.plotter.driver.sim.VirtualDevice.onPseudoTerminal(tty, "sim:")) {
            String port = tty.toString();
            Run status = plotter("status", "--port", port);
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("Idle at X 0.000 Y 0.000 mm"), status.out());
            Run move = plotter("move", "10", "20", "--port", port);
            assertEquals(0, move.exit(), move.err());
            assertTrue(move.out().contains("Idle at X 10.000 Y 20.000 mm"), move.out());
            Run again = plotter("status", "--port", port);
            assertTrue(again.out().contains("at X 10.000 Y 20.000"), "the machine stayed where it went: " + again.out() + again.err());
            Run pen = plotter("pen", "down", "--port", port);
            assertEquals(0, pen.exit(), pen.err());
            assertTrue(device.machine().executionRecord().isPresent());
            Run settings = plotter("settings", "--port", port);
            assertTrue(settings.out().contains("$130=300.000"), settings.out());
            Run unlock = plotter("unlock", "--port", port);
            assertEquals(0, unlock.exit(), unlock.err());

            Run home = plotter("home", "--port", port);
            assertEquals(1, home.exit(), home.err());
            assertEquals(1, home.err().lines().count(), home.err());
            assertTrue(home.err().contains("'$H' refused: error:5 homing cycle is not enabled"), home.err());
            Run outside = plotter("move", "500", "0", "--port", port);
            assertEquals(2, outside.exit(), outside.err());
            assertTrue(outside.err().contains("outside the 300 x 300 mm work area"), outside.err());
            Run badSet = plotter("settings", "--set", "130=250", "--port", port);
            assertEquals(2, badSet.exit(), badSet.err());
            Run badPen = plotter("pen", "sideways", "--port", port);
            assertEquals(2, badPen.exit(), badPen.err());
        }
    }

    /** The same commands on Marlin, through its driver's console. */
    @Test
    void machineCommandsWorkOnMarlinToo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        Path tty = out.resolve("ttyMARLIN");
        try (org.plotter.driver.sim.VirtualDevice device = org.plotter.driver.sim.VirtualDevice.onPseudoTerminal(tty, "sim:firmware=marlin")) {
            String port = tty.toString();
            Run move = plotter("move", "30", "40", "--port", port, "--profile", "marlin-z");
            assertEquals(0, move.exit(), move.err());
            assertTrue(move.out().contains("Idle at X 30.000 Y 40.000 mm"), move.out());
            Run status = plotter("status", "--port", port, "--profile", "marlin-z");
            assertTrue(status.out().startsWith("Marlin 2.1.2: Idle at X 30.000 Y 40.000"), status.out() + status.err());
            Run home = plotter("home", "--port", port, "--profile", "marlin-z");
            assertEquals(0, home.exit(), home.err());
            assertTrue(home.out().contains("at X 0.000 Y 0.000"), home.out());
            Run settings = plotter("settings", "--port", port, "--profile", "marlin-z");
            assertTrue(settings.out().contains("M203 X100.00 Y100.00"), settings.out());
            Run set = plotter("settings", "--set", "M203 X80 Y80", "--port", port, "--profile", "marlin-z");
            assertEquals(0, set.exit(), set.err());
            Run grblStyle = plotter("settings", "--set", "$110=5000", "--port", port, "--profile", "marlin-z");
            assertEquals(2, grblStyle.exit(), grblStyle.err());
            assertTrue(grblStyle.err().contains("a Marlin setting is a command with parameters"), grblStyle.err());
        }
    }

    /** Marlin profiles through the Marlin driver; an output that would overwrite the input is refused before anything runs. */
    @Test
    void marlinProfilesPlotThroughTheMarlinDriverAndInputsAreNeverOverwritten() throws IOException {
        Path svg = Files.writeString(out.resolve("page.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='100mm' height='100mm'"
                + " viewBox='0 0 100 100'><rect width='100%' height='100%' fill='white'/><circle cx='50' cy='50' r='30'/></svg>");
        // sim: takes the firmware the profile names
        Run marlin = plotter("plot", svg.toString(), "--profile", "marlin-z", "--page", "A6",
                "--out", out.resolve("marlin").toString());
        assertEquals(0, marlin.exit(), marlin.err());
        assertTrue(marlin.err().contains("streaming to Marlin"), marlin.err());
        assertTrue(marlin.out().contains(": 1 stroke,"), "the background rect at 100% is not drawn: " + marlin.out());
        String before = Files.readString(svg);
        Run overwrite = plotter("plot", svg.toString(), "--out", out.toString());
        assertEquals(2, overwrite.exit(), overwrite.err());
        assertTrue(overwrite.err().contains("would overwrite the input file"), overwrite.err());
        assertEquals(before, Files.readString(svg), "the input is untouched");
    }

    /** A G-code file from elsewhere, streamed; --dry-run plans and stops; what cannot go to the machine is refused by line. */
    @Test
    void streamsAGcodeFileMadeElsewhere() throws IOException {
        Path gcode = Files.writeString(out.resolve("vpype.gcode"), String.join("\n", "; exported by another tool", "G21", "G90",
                "M3 S0", "G0 X20 Y20", "M3 S30", "G4 P0.15", "G1 X120 Y20 F2000", "G1 X120 Y70", "M3 S0", "G4 P0.15", "G0 X0 Y0", ""));
        Run dry = plotter("stream", gcode.toString(), "--dry-run", "--out", out.resolve("dry").toString());
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("vpype: 1 stroke, drawing 150 mm"), dry.out());
        assertTrue(dry.out().contains("dry run: sim: checked all 12 lines in its check mode; nothing moved, nothing written"), dry.out());
        assertFalse(Files.exists(out.resolve("dry")), "nothing written");
        Path unsupported = Files.writeString(out.resolve("g7.gcode"), "G21\nG90\nG0 X20 Y20\nG7 X1\nG0 X0 Y0\n");
        Run refusedByMachine = plotter("stream", unsupported.toString(), "--dry-run", "--out", out.resolve("dry").toString());
        assertEquals(1, refusedByMachine.exit(), refusedByMachine.err());
        assertTrue(refusedByMachine.err().contains("the machine refused the program: line 4 'G7 X1': error:20"), refusedByMachine.err());
        Run marlinDry = plotter("stream", gcode.toString(), "--dry-run", "--profile", "marlin-z", "--out", out.resolve("dry").toString());
        assertEquals(0, marlinDry.exit(), marlinDry.err());
        assertTrue(marlinDry.out().contains("marlin has no check mode; nothing sent"), marlinDry.out());
        assertFalse(Files.exists(out.resolve("dry")), "nothing written");

        Run streamed = plotter("stream", gcode.toString(), "--out", out.resolve("streamed").toString());
        assertEquals(0, streamed.exit(), streamed.err());
        assertTrue(streamed.err().contains("plotter: 1 stroke, drawing 150 mm"), "the plan before the machine moves: " + streamed.err());
        assertTrue(Files.exists(out.resolve("streamed/vpype.png")));

        Path outside = Files.writeString(out.resolve("big.gcode"), "G21\nG90\nG0 X10 Y10\nG1 X400 Y10 F1000\n");
        Run refused = plotter("stream", outside.toString(), "--out", out.resolve("big").toString());
        assertEquals(2, refused.exit(), refused.err());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("line 4 'G1 X400 Y10 F1000' moves to (400.000, 10.000) mm, outside the 300 x 300 mm work area"), refused.err());
        Run missing = plotter("stream", out.resolve("nothing.gcode").toString());
        assertEquals(2, missing.exit(), missing.err());
    }

    /** A port configured as a machine (a ConfigAdmin factory configuration) keeps it: a plot made for another profile says so. */
    @Test
    void aPlotOnAConfiguredMachineMadeForAnotherProfileSaysSo() throws IOException {
        String port = "sim:speed=0"; // the simulator, under a name no other test uses
        Path machine = TestHome.config().resolve("org.plotter.machine-desk.cfg");
        Files.writeString(machine, "port=" + port + "\nprofile=grbl-servo\n");
        try {
            Path gcode = Files.writeString(out.resolve("line.gcode"), "G21\nG90\nM3 S0\nG0 X20 Y20\nM3 S30\nG1 X60 Y20 F2000\nM3 S0\n");
            Run streamed = plotter("stream", gcode.toString(), "--port", port, "--profile", "grbl-z", "--out", out.resolve("desk").toString());
            assertEquals(0, streamed.exit(), streamed.err());
            assertTrue(streamed.err().contains("plotter: note: " + port + " is configured with profile grbl-servo; this plot was made for grbl-z"),
                    streamed.err());
            Run same = plotter("stream", gcode.toString(), "--port", port, "--profile", "grbl-servo", "--out", out.resolve("desk2").toString());
            assertEquals(0, same.exit(), same.err());
            assertFalse(same.err().contains("note:"), "no note when the profiles agree: " + same.err());
        } finally {
            Files.delete(machine);
        }
    }
}
