package org.plotter.driver.sim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol side of a virtual GRBL 1.1: a 127-byte receive buffer (overflowing bytes are lost, as
 * on the real controller, and counted), line parsing with GRBL's {@code ok} / {@code error:N} replies,
 * realtime bytes ({@code ?} status, {@code !} hold, {@code ~} resume, {@code 0x18} reset) acted on as
 * they arrive, alarms with {@code $X} unlock, and soft limits. Motion goes to the {@link MotionSimulator}.
 */
final class VirtualGrbl implements VirtualMachine {
    static final String BANNER = "Grbl 1.1h ['$' for help]";
    static final int RX_BUFFER_BYTES = 127;
    /** GRBL's LINE_BUFFER_SIZE: longer lines are rejected with error:11. */
    static final int MAX_LINE = 80;
    private static final Logger LOG = LoggerFactory.getLogger(VirtualGrbl.class);

    private final MachineSettings settings;
    private final ByteQueueInputStream toHost;
    private final MotionSimulator motion;
    private final BlockingQueue<Byte> rxBuffer = new ArrayBlockingQueue<>(RX_BUFFER_BYTES);
    private final GcodeInterpreter interpreter;
    private final Thread protocol;
    private volatile boolean alarm;
    /** GRBL's check mode ({@code $C}): lines are parsed and answered, nothing moves. */
    private volatile boolean checkMode;
    /** Faults by the number of the G-code line they come with (1-based, counted as lines arrive). */
    private final java.util.Map<Integer, String> faults;
    private int linesReceived;
    /** Hung by a {@code stall} fault: nothing read, run or answered until a soft reset. */
    private volatile boolean stalled;
    private volatile Runnable unplug = () -> { };
    /** A {@code reset} fault waits for the machine to be moving: GRBL is reset mid-job while it draws. */
    private boolean resetAtNextMove;
    private volatile boolean running = true;
    /** {@code $10}: bit 0 reports machine positions (work positions otherwise; no offsets here, so the same), bit 1 adds {@code Bf:}. */
    private volatile int statusMask = 1;
    /** {@code $130}, {@code $131}: the travel the machine reports, settable as on GRBL. */
    private final double[] travel;
    private int reports;
    private volatile int highWater;
    private volatile long overflowBytes;

    VirtualGrbl(MachineSettings settings, ByteQueueInputStream toHost) {
        this.settings = settings;
        this.travel = new double[] {settings.travelX(), settings.travelY()};
        this.toHost = toHost;
        this.motion = new MotionSimulator(settings);
        this.interpreter = new GcodeInterpreter(settings);
        this.faults = settings.faults();
        this.protocol = new Thread(this::protocolLoop, "sim-grbl");
        protocol.setDaemon(true);
        send(BANNER);
        protocol.start();
    }

    @Override
    public MotionSimulator motion() {
        return motion;
    }

    /** The most bytes ever waiting in the receive buffer. */
    int highWater() {
        return highWater;
    }

    /** Bytes lost because the host sent more than the buffer holds. */
    long overflowBytes() {
        return overflowBytes;
    }

    /** A byte arriving from the host. */
    @Override
    public void receive(int b) {
        switch (b) {
            case '?' -> sendStatus();
            case '!' -> motion.hold();
            case '~' -> motion.cycleStart();
            case 0x18 -> softReset();
            default -> {
                if (!rxBuffer.offer((byte) b)) {
                    // one warning per connection, not one per byte: a flooding host would flood the log too
                    if (overflowBytes++ == 0) {
                        LOG.warn("receive buffer overflow: the host sent more than {} unprocessed bytes; bytes are being lost", RX_BUFFER_BYTES);
                    }
                }
                highWater = Math.max(highWater, rxBuffer.size());
            }
        }
    }

    @Override
    public void shutdown() {
        if (overflowBytes > 0) {
            LOG.warn("{} bytes were lost to receive buffer overflow on this connection", overflowBytes);
        }
        running = false;
        protocol.interrupt();
        motion.shutdown();
        toHost.close();
    }

    @Override
    public void unplugWith(Runnable unplug) {
        this.unplug = unplug;
    }

    private void softReset() {
        stalled = false; // a reset is what brings a hung controller back
        boolean moving = motion.reset();
        checkMode = false;
        interpreter.moveTo(motion.position()); // the parser forgets what it was told but never ran
        rxBuffer.clear();
        protocol.interrupt(); // abandons the line being read
        if (moving) {
            alarm = true;
            send("ALARM:3");
        }
        send(BANNER);
        if (alarm) {
            send("[MSG:'$H'|'$X' to unlock]");
        }
    }

    /**
     * A fault at a G-code line, before it is run: an error or alarm in its place, a reset, or silence from
     * here on. True if the line is not run.
     */
    private boolean injectBefore(String fault) throws InterruptedException {
        switch (fault) {
            case "error" -> send("error:33"); // as GRBL says of a motion command with an invalid target
            case "alarm" -> {
                motion.reset();
                alarm = true;
                send("ALARM:1"); // a hard limit was hit
            }
            case "reset" -> {
                // the reset input pressed while the machine draws: with the next move under way (ALARM:3)
                resetAtNextMove = true;
                return false;
            }
            case "stall" -> {
                // the controller hangs: it stops moving, answering and reading, until a soft reset
                stalled = true;
                motion.hold();
                while (stalled && running) {
                    Thread.sleep(50);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A fault in the line's answer, after it was run; a report cut off mid-line is what the ok runs into. */
    private void injectInsteadOfOk(String fault) throws InterruptedException {
        OkFaults.answer(fault, this::send, toHost, unplug, "<Idle|MPo");
    }

    private void sendStatus() {
        if (stalled) {
            return;
        }
        double[] p = motion.position();
        String state = alarm ? "Alarm" : checkMode ? "Check" : motion.state();
        String buffers = (statusMask & 2) != 0
                ? String.format(Locale.ROOT, "|Bf:%d,%d", motion.blocksFree(), RX_BUFFER_BYTES - rxBuffer.size()) : "";
        // GRBL adds the work offset to one report in ten while idle (more seldom while busy); the simulator has none set
        String offset = reports++ % 10 == 0 ? "|WCO:0.000,0.000,0.000" : "";
        send(String.format(Locale.ROOT, "<%s|%s:%.3f,%.3f,%.3f%s|FS:%.0f,%.0f%s>", state, (statusMask & 1) != 0 ? "MPos" : "WPos",
                p[0], p[1], p[2], buffers, p[3], p[4], offset));
    }

    private void send(String line) {
        if (stalled) {
            return; // a hung controller says nothing more
        }
        toHost.offer((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void protocolLoop() {
        StringBuilder line = new StringBuilder();
        while (running) {
            try {
                byte b = rxBuffer.take();
                if (b == '\n' || b == '\r') {
                    if (b == '\n' || line.length() > 0) {
                        execute(line.toString());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            } catch (InterruptedException e) {
                line.setLength(0); // soft reset (or shutdown): drop the partial line
            }
        }
    }

    private void execute(String raw) throws InterruptedException {
        if (raw.length() > MAX_LINE) {
            send("error:11");
            return;
        }
        String line = raw.strip();
        if (line.startsWith("$")) {
            String reply = systemCommand(line);
            if (reply != null) {
                send(reply);
            }
            return;
        }
        if (alarm) {
            send(line.isEmpty() ? "ok" : "error:9");
            return;
        }
        String fault = faults.get(++linesReceived);
        if (fault != null && injectBefore(fault)) {
            return;
        }
        GcodeInterpreter.Result result = interpreter.interpret(line);
        if (result.error() > 0) {
            send("error:" + result.error());
            return;
        }
        if (checkMode) {
            send("ok"); // parsed, not run
            return;
        }
        if (result.softLimit()) {
            // GRBL halts and locks: the target would leave the machine's travel.
            motion.reset();
            alarm = true;
            send("ALARM:2");
            send("ok");
            return;
        }
        for (MotionSimulator.Block block : result.blocks()) {
            if (!motion.submit(block)) {
                return; // reset while waiting for planner room: the line is dropped silently
            }
        }
        if (resetAtNextMove && !motion.idle()) {
            resetAtNextMove = false;
            softReset();
            return;
        }
        if (fault != null) {
            injectInsteadOfOk(fault);
            return;
        }
        send("ok");
    }

    private String systemCommand(String line) {
        switch (line.toUpperCase(Locale.ROOT)) {
            case "$X":
                if (alarm) {
                    alarm = false;
                    send("[MSG:Caution: Unlocked]");
                }
                return "ok";
            case "$C":
                if (!checkMode) {
                    checkMode = true;
                    send("[MSG:Enabled]");
                    return "ok";
                }
                // leaving check mode resets GRBL, as on the real controller
                checkMode = false;
                send("[MSG:Disabled]");
                send("ok");
                softReset();
                return null;
            case "$H":
                return "error:5"; // homing is not enabled on the simulator
            case "$$":
                send("$10=" + statusMask);
                send(String.format(Locale.ROOT, "$11=%.3f", settings.junctionDeviation()));
                send(String.format(Locale.ROOT, "$110=%.3f", settings.maxRate()));
                send(String.format(Locale.ROOT, "$111=%.3f", settings.maxRate()));
                send(String.format(Locale.ROOT, "$120=%.3f", settings.acceleration()));
                send(String.format(Locale.ROOT, "$121=%.3f", settings.acceleration()));
                send(String.format(Locale.ROOT, "$130=%.3f", travel[0]));
                send(String.format(Locale.ROOT, "$131=%.3f", travel[1]));
                return "ok";
            case "$I":
                send("[VER:1.1h.sim:plotter]");
                return "ok";
            default:
                if (line.matches("\\$10=\\d{1,3}")) {
                    statusMask = Integer.parseInt(line.substring(4));
                    return "ok";
                }
                if (line.matches("\\$13[01]=\\d+(\\.\\d*)?")) {
                    // max travel: with soft limits off ($20=0, as here) GRBL only reports it, and uses it to home
                    travel[line.charAt(3) - '0'] = Double.parseDouble(line.substring(5));
                    return "ok";
                }
                return "error:3";
        }
    }
}
