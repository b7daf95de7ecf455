package org.plotter.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Talks to the simulator byte by byte, as a host on a serial line would. */
class VirtualGrblTest {
    private SimConnection sim;
    private BufferedReader replies;

    @BeforeEach
    void open() throws Exception {
        sim = (SimConnection) new SimConnectionFactory().open("sim:");
        replies = new BufferedReader(new InputStreamReader(sim.input(), StandardCharsets.US_ASCII));
        assertEquals(VirtualGrbl.BANNER, replies.readLine());
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private String send(String line) throws Exception {
        sim.output().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        return replies.readLine();
    }

    private String realtime(int b) throws Exception {
        sim.output().write(b);
        return replies.readLine();
    }

    @Test
    void answersOkAndReportsStatus() throws Exception {
        assertEquals("ok", send("G21 G90"));
        assertEquals("ok", send("G1 X10 Y20 F3000"));
        while (!sim.grbl().motion().idle()) {
            Thread.sleep(1);
        }
        // GRBL's default $10=1: machine position, no buffer counts; the work offset comes with one report in ten
        String status = realtime('?');
        assertTrue(Pattern.matches("<Idle\\|MPos:10\\.000,20\\.000,0\\.000\\|FS:3000,0(\\|WCO:0\\.000,0\\.000,0\\.000)?>", status), status);
        assertEquals("ok", send("$10=3"));
        String withBuffers = realtime('?');
        assertTrue(Pattern.matches("<Idle\\|MPos:10\\.000,20\\.000,0\\.000\\|Bf:15,127\\|FS:3000,0(\\|WCO:[-0-9.,]+)?>", withBuffers), withBuffers);
    }

    @Test
    void rejectsWhatGrblRejects() throws Exception {
        assertEquals("error:22", send("G1 X5"), "feed rate never set");
        assertEquals("error:20", send("G2 X5 Y5 I1"), "arcs are not simulated");
        assertEquals("error:1", send("1 X5"));
        assertEquals("error:2", send("G1 X"));
        assertEquals("error:3", send("$Q"));
        assertEquals("error:11", send("G0 X1 ".repeat(20)), "longer than 80 characters");
        assertEquals("ok", send("(comment only) ; and another"));
        // GRBL's line buffer holds what its reader keeps: no spaces, no comments
        assertEquals("ok", send("G0 X1 Y1" + " ".repeat(60) + "(" + "x".repeat(40) + ")"), "80 characters sent, 6 kept");
        assertEquals("ok", send("g0 x1." + "0".repeat(74)), "79 characters kept");
        assertEquals("error:11", send("G0 X1." + "0".repeat(75)), "80 characters kept");
    }

    @Test
    void softLimitAlarmLocksUntilUnlocked() throws Exception {
        assertEquals("ALARM:2", send("G0 X400"));
        assertEquals("ok", replies.readLine());
        assertTrue(realtime('?').startsWith("<Alarm|"));
        assertEquals("error:9", send("G0 X1"));
        assertEquals("[MSG:Caution: Unlocked]", send("$X"));
        assertEquals("ok", replies.readLine());
        assertEquals("ok", send("G0 X1"));
    }

    @Test
    void softResetGreetsAgainAndResetInMotionAlarms() throws Exception {
        assertEquals(VirtualGrbl.BANNER, realtime(0x18));
        SimConnection slow = (SimConnection) new SimConnectionFactory().open("sim:speed=1");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(slow.input(), StandardCharsets.US_ASCII))) {
            in.readLine();
            slow.output().write("G0 X200 Y200\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ok", in.readLine());
            slow.output().write(0x18);
            assertEquals("ALARM:3", in.readLine());
            assertEquals(VirtualGrbl.BANNER, in.readLine());
        } finally {
            slow.close();
        }
    }

    /**
     * G92 names the point the machine is at (the work offset comes with the next report), G28 goes through its
     * intermediate point and takes the axes it names home, G53 moves in machine coordinates; a reset forgets
     * the offset and the parser's modes, as GRBL 1.1's does.
     */
    @Test
    void coordinateOffsetsHomingAndMachineMovesAsGrblRunsThem() throws Exception {
        assertEquals("ok", send("G21 G90 G0 X100 Y50"));
        assertEquals("ok", send("G92 X0 Y0"));
        assertEquals("error:26", send("G92"), "G92 needs an axis");
        assertEquals("ok", send("G1 X10 Y0 F3000"));
        String report = settledReport();
        assertTrue(report.startsWith("<Idle|MPos:110.000,50.000,0.000|") && report.endsWith("|WCO:100.000,50.000,0.000>"), report);
        assertEquals("ok", send("$10=0"));
        assertTrue(settledReport().startsWith("<Idle|WPos:10.000,0.000,0.000|"), "work position: machine less offset");
        assertEquals("ok", send("G28 X20"));
        assertTrue(settledReport().startsWith("<Idle|WPos:-100.000,0.000,0.000|"), "X home, by x = 120; Y stays");
        assertEquals("ok", send("G53 G0 X5 Y5"));
        assertTrue(settledReport().startsWith("<Idle|WPos:-95.000,-45.000,0.000|"));
        assertEquals(VirtualGrbl.BANNER, realtime(0x18));
        String afterReset = settledReport();
        assertTrue(afterReset.startsWith("<Idle|WPos:5.000,5.000,0.000|") && afterReset.endsWith("|WCO:0.000,0.000,0.000>"), afterReset);
        assertEquals("error:22", send("G1 X6"), "the reset forgot the feed");
    }

    /** A status report once the machine has stopped. */
    private String settledReport() throws Exception {
        while (!sim.grbl().motion().idle()) {
            Thread.sleep(1);
        }
        return realtime('?');
    }

    /**
     * GRBL's reset aborts the line it is running, so nothing answers a line from before the reset once the
     * new banner is out, and the reset takes nothing that arrives after it: a host that resets and waits for
     * the banner can take the next reply as its own. Lines arriving in an alarm are answered quickly, so the
     * reset often meets one half-answered.
     */
    @Test
    void noReplyToALineFromBeforeAResetFollowsItsBanner() throws Exception {
        assertEquals("ALARM:2", send("G0 X400"));
        assertEquals("ok", replies.readLine());
        for (int round = 0; round < 300; round++) {
            sim.output().write("G0 X1\nG0 X2\nG0 X3\n".getBytes(StandardCharsets.US_ASCII));
            sim.output().write(0x18);
            String reply;
            do {
                reply = replies.readLine();
            } while (!reply.equals(VirtualGrbl.BANNER));
            assertEquals("[MSG:'$H'|'$X' to unlock]", replies.readLine());
            // the first command after the reset is answered, whole: none of its bytes went with the reset
            sim.output().write("$I\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("[VER:1.1h.sim:plotter]", replies.readLine(), "round " + round + ": after the banner");
            assertEquals("ok", replies.readLine());
        }
    }

    /**
     * The injected {@code reset} fault is a reset while the machine moves: it waits for motion, and fires as one
     * step with the check, so it is always GRBL's reset in motion (ALARM:3, lines after it refused), never a
     * reset while idle, after which lines still on the wire would run out of their place.
     */
    @Test
    void anInjectedResetWaitsForMotionAndAlwaysAlarms() throws Exception {
        SimConnection faulty = (SimConnection) new SimConnectionFactory().open("sim:speed=1,fault=reset@2");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(faulty.input(), StandardCharsets.US_ASCII))) {
            in.readLine();
            faulty.output().write('!'); // held: moves queue but none runs
            faulty.output().write("G0 X10\nG0 X20\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ok", in.readLine());
            assertEquals("ok", in.readLine(), "queued under a completed hold, the machine is not moving: no reset yet");
            faulty.output().write('~');
            faulty.output().write("G0 X30\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ALARM:3", in.readLine());
            assertEquals(VirtualGrbl.BANNER, in.readLine());
            assertEquals("[MSG:'$H'|'$X' to unlock]", in.readLine());
            faulty.output().write("G0 X40\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("error:9", in.readLine(), "a line arriving after the reset does not run");
        } finally {
            faulty.close();
        }
    }

    /** GRBL's mc_reset raises ALARM:3 only in motion: feed hold, wait for Hold:0, then reset keeps the position. */
    @Test
    void resetAfterACompletedFeedHoldKeepsPositionWithoutAlarm() throws Exception {
        SimConnection slow = (SimConnection) new SimConnectionFactory().open("sim:speed=5");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(slow.input(), StandardCharsets.US_ASCII))) {
            in.readLine();
            slow.output().write("M3 S30\nG1 X100 Y0 F6000\nG1 X100 Y100\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", in.readLine());
            }
            Thread.sleep(100);
            slow.output().write('!');
            String state;
            do {
                Thread.sleep(20);
                slow.output().write('?');
                state = in.readLine();
            } while (!state.startsWith("<Hold:0"));
            slow.output().write(0x18);
            assertEquals(VirtualGrbl.BANNER, in.readLine(), "no ALARM:3 after a completed hold");
            slow.output().write('?');
            String after = in.readLine();
            assertTrue(after.startsWith("<Idle|"), after);
            assertTrue(after.endsWith(",0>"), "reset turns the spindle (the servo pen) off: " + after);
            double x = Double.parseDouble(after.replaceAll(".*MPos:([\\d.]+),.*", "$1"));
            assertTrue(x > 0 && x < 100, "stopped part-way and kept its position: " + after);
        } finally {
            slow.close();
        }
    }

    /** $C: lines parsed and answered (errors too), nothing moves; leaving it resets GRBL with its position kept. */
    @Test
    void checkModeParsesWithoutMovingAndResetsOnLeaving() throws Exception {
        assertEquals("[MSG:Enabled]", send("$C"));
        assertEquals("ok", replies.readLine());
        assertEquals("ok", send("G1 X50 Y50 F3000"));
        assertEquals("error:20", send("G7 X1"), "still checked");
        assertTrue(realtime('?').startsWith("<Check|MPos:0.000,0.000"), "nothing moved");
        assertEquals("[MSG:Disabled]", send("$C"));
        assertEquals("ok", replies.readLine());
        assertEquals(VirtualGrbl.BANNER, replies.readLine(), "leaving check mode resets");
        assertEquals("ok", send("G91 G0 X5"));
        while (!sim.grbl().motion().idle()) {
            Thread.sleep(1);
        }
        assertTrue(realtime('?').startsWith("<Idle|MPos:5.000,0.000"), "the parser is back where the machine is, not at X 50");
    }

    /** GRBL's M0: answered once the moves before it have run, then held (Hold:0) with later lines queued until cycle start. */
    @Test
    void programPauseHoldsAfterTheMovesBeforeItUntilCycleStart() throws Exception {
        SimConnection slow = (SimConnection) new SimConnectionFactory().open("sim:speed=20");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(slow.input(), StandardCharsets.US_ASCII))) {
            in.readLine();
            slow.output().write("G1 X50 Y0 F6000\nM0 ; change the pen\nG1 X50 Y50\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ok", in.readLine());
            assertEquals("ok", in.readLine(), "M0 answered");
            assertTrue(slow.grbl().motion().position()[0] == 50, "M0 waited for the move before it");
            assertEquals("ok", in.readLine(), "the line after the pause is received and queued");
            Thread.sleep(200);
            slow.output().write('?');
            String held = in.readLine();
            assertTrue(held.startsWith("<Hold:0|MPos:50.000,0.000"), "held where the pause came, the next move not run: " + held);
            slow.output().write('~');
            while (!slow.grbl().motion().idle()) {
                Thread.sleep(5);
            }
            slow.output().write('?');
            String after = in.readLine();
            assertTrue(after.startsWith("<Idle|MPos:50.000,50.000"), "cycle start ran the queued move: " + after);
        } finally {
            slow.close();
        }
    }

    @Test
    void bytesBeyondTheReceiveBufferAreLostAndCounted() throws Exception {
        SimConnection held = (SimConnection) new SimConnectionFactory().open("sim:speed=1");
        try {
            // fill the planner with slow moves so the protocol loop stops draining the buffer
            held.output().write('!');
            for (int i = 0; i < 40; i++) {
                held.output().write(String.format("G0 X%d Y%d\n", 100 + i, 100 + i).getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(200);
            assertTrue(held.grbl().overflowBytes() > 0, "overflow must be detected");
            assertEquals(VirtualGrbl.RX_BUFFER_BYTES, held.grbl().highWater());
        } finally {
            held.close();
        }
    }

    /** Sends the lines at once, as a streaming host keeps the planner fed, and returns the motion time so far when idle. */
    private double motionSecondsOf(String... lines) throws Exception {
        sim.output().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        for (String line : lines) {
            assertEquals("ok", replies.readLine(), line);
        }
        while (!sim.grbl().motion().idle()) {
            Thread.sleep(1);
        }
        return sim.grbl().motion().record().motionTime().toNanos() / 1e9;
    }

    /** GRBL's motion: trapezoids from rest to rest, corners taken at the junction-deviation speed (closed forms here). */
    @Test
    void movesTakeGrblsTimeWithAccelerationAndCorners() throws Exception {
        double v = 6000 / 60.0, a = 500;
        // one long move: cruise time plus v/a lost to accelerating and braking
        assertEquals(200 / v + v / a, motionSecondsOf("G21 G90", "G1 X200 F6000"), 1e-6);
        // a short move never reaches the feed: a triangle
        double before = motionSecondsOf("G1 X201");
        double triangle = motionSecondsOf("G1 X202") - before;
        assertEquals(2 * Math.sqrt(1 / a), triangle, 1e-6);
        // a right-angle corner: at cos = 0 the junction acceleration is a·√2 (the diagonal's axis limit) and
        // v² = a·√2 · δ · sin(45°) / (1 − sin(45°)) with δ = 0.01 mm
        double start = motionSecondsOf("G0 X0 Y0");
        double corner = motionSecondsOf("G1 X100 Y0 F6000", "G1 X100 Y100") - start;
        double s = Math.sqrt(0.5), vj = Math.sqrt(a * Math.sqrt(2) * 0.01 * s / (1 - s));
        double up = v * v / (2 * a), down = (v * v - vj * vj) / (2 * a);
        double leg = v / a + (v - vj) / a + (100 - up - down) / v;
        assertEquals(2 * leg, corner, 1e-6);
    }

    @Test
    void recordsPenDownPathsForServoAndZPens() throws Exception {
        send("G21 G90");
        send("G0 X10 Y10");
        send("M3 S30");
        send("G1 X20 Y10 F3000");
        send("M3 S0");
        send("G0 X30 Y30");
        send("G1 Z-1 F1000");
        send("G1 X40 Y30");
        send("G0 Z5");
        while (!sim.grbl().motion().idle()) {
            Thread.sleep(1);
        }
        var record = sim.executionRecord().orElseThrow();
        assertEquals(20, record.motion().drawLength(), 1e-9, "10 mm with the servo down, 10 mm with Z down");
        assertTrue(record.motion().travelLength() > 30);
        assertTrue(record.motionTime().toMillis() > 500);
    }
}
