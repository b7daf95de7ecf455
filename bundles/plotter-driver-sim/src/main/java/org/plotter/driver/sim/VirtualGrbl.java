package org.plotter.driver.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
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
    private static final Logger LOG = LoggerFactory.getLogger(VirtualGrbl.class);

    private final MachineSettings settings;
    private final ByteQueueInputStream toHost;
    private final MotionSimulator motion;
    /** GRBL's serial receive buffer: bytes not yet read by the protocol thread. Guarded by this. */
    private final ArrayDeque<Byte> rxBuffer = new ArrayDeque<>(RX_BUFFER_BYTES);
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
    /** Cut off by a {@code cut} fault until the cable is back: bytes from the host are lost. Set under this. */
    private volatile boolean cut;
    /** A {@code reset} fault waits for the machine to be moving: GRBL is reset mid-job while it draws. */
    private boolean resetAtNextMove;
    private volatile boolean running = true;
    /** {@code $10}: bit 0 reports machine positions (work positions otherwise; no offsets here, so the same), bit 1 adds {@code Bf:}. */
    private volatile int statusMask = 1;
    /** {@code $130}, {@code $131}: the travel the machine reports, settable as on GRBL. */
    private final double[] travel;
    private int reports;
    /** The interpreter's offset changes that status reports have told of. */
    private long offsetChangesReported;
    /** Soft resets so far. Guarded by this. */
    private long resets;
    /** The soft resets, and the motion's resets, counted when the line being read began. Protocol thread only. */
    private long lineResets, lineMotion;
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
        if (cut) {
            return; // the cable is cut: nothing the host sends arrives
        }
        switch (b) {
            case '?' -> sendStatus();
            case '!' -> motion.hold();
            case '~' -> motion.cycleStart();
            case 0x18 -> softReset();
            default -> buffer((byte) b);
        }
    }

    private synchronized void buffer(byte b) {
        if (cut) {
            return;
        }
        if (rxBuffer.size() >= RX_BUFFER_BYTES) {
            // one warning per connection, not one per byte: a flooding host would flood the log too
            if (overflowBytes++ == 0) {
                LOG.warn("receive buffer overflow: the host sent more than {} unprocessed bytes; bytes are being lost", RX_BUFFER_BYTES);
            }
            return;
        }
        rxBuffer.add(b);
        highWater = Math.max(highWater, rxBuffer.size());
        notifyAll();
    }

    @Override
    public synchronized void pluggedBackIn() {
        cut = false;
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

    /**
     * GRBL's soft reset: the receive buffer emptied, the line being read or run abandoned (counted by
     * {@link #resets}, not by interrupting the protocol thread: an interrupt that meets a byte arriving can
     * take the next line's first byte with it), the queued motion dropped.
     */
    private synchronized void softReset() {
        softReset(false);
    }

    /**
     * {@link #softReset()}, or with {@code onlyWhileMoving} nothing unless the machine is moving when the
     * reset comes: the check and the reset are one step, so a move that ends in between cannot turn a reset
     * during motion into one while idle. True if it reset.
     */
    private synchronized boolean softReset(boolean onlyWhileMoving) {
        if (onlyWhileMoving && !motion.resetIfMoving()) {
            return false;
        }
        resets++;
        stalled = false; // a reset is what brings a hung controller back
        boolean moving = onlyWhileMoving || motion.reset();
        checkMode = false;
        interpreter.reset(motion.position()); // the parser starts afresh, where the machine is
        rxBuffer.clear();
        if (moving) {
            alarm = true;
            announce("ALARM:3");
        }
        announce(BANNER);
        if (alarm) {
            announce("[MSG:'$H'|'$X' to unlock]");
        }
        return true;
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
            case "cut" -> {
                // the cable pulled as this line was on its way: it and whatever followed it never arrive, and the
                // machine, keeping power, runs what it had
                synchronized (this) {
                    cut = true; // under the lock that buffers bytes: not one arrives after the clear
                    rxBuffer.clear();
                }
                unplug.run();
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

    /**
     * One report, made and sent as one step under the lock every reply takes: GRBL is single-threaded, so no
     * {@code ok} made after a report's snapshot can reach the host before the report (a host counting run lines
     * from an Idle report would count that ok's line too).
     */
    private synchronized void sendStatus() {
        if (stalled) {
            return;
        }
        double[] p = motion.position(), offset = interpreter.workOffset();
        String state = alarm ? "Alarm" : checkMode ? "Check" : motion.state();
        String buffers = (statusMask & 2) != 0
                ? String.format(Locale.ROOT, "|Bf:%d,%d", motion.blocksFree(), RX_BUFFER_BYTES - buffered()) : "";
        // GRBL adds the work offset to one report in ten while idle (more seldom while busy), and to the next after it changed
        long changes = interpreter.offsetChanges();
        String wco = reports++ % 10 == 0 || changes != offsetChangesReported
                ? String.format(Locale.ROOT, "|WCO:%.3f,%.3f,%.3f", offset[0], offset[1], offset[2]) : "";
        offsetChangesReported = changes;
        boolean machine = (statusMask & 1) != 0;
        send(String.format(Locale.ROOT, "<%s|%s:%.3f,%.3f,%.3f%s|FS:%.0f,%.0f%s>", state, machine ? "MPos" : "WPos",
                p[0] - (machine ? 0 : offset[0]), p[1] - (machine ? 0 : offset[1]), p[2] - (machine ? 0 : offset[2]), buffers, p[3], p[4], wco));
    }

    private synchronized int buffered() {
        return rxBuffer.size();
    }

    /**
     * Says {@code line}, unless it answers a line that a soft reset abandoned: GRBL's reset aborts the line
     * it is running, so no reply to it follows the new banner.
     */
    private synchronized void send(String line) {
        if (Thread.currentThread() == protocol && lineResets != resets) {
            return;
        }
        announce(line);
    }

    /** Says {@code line}, whichever line the protocol thread is in (a reset's own words, status reports). */
    private synchronized void announce(String line) {
        if (stalled) {
            return; // a hung controller says nothing more
        }
        toHost.offer((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void protocolLoop() {
        StringBuilder line = new StringBuilder();
        while (running) {
            try {
                byte b = nextByte(line);
                if (b == '\n' || b == '\r') {
                    if (b == '\n' || line.length() > 0) {
                        execute(line.toString());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            } catch (InterruptedException e) {
                line.setLength(0); // shutdown
            }
        }
    }

    /**
     * The next byte from the receive buffer. What was read of {@code line} before a soft reset is dropped:
     * the bytes after it begin a new line, as on GRBL.
     */
    private synchronized byte nextByte(StringBuilder line) throws InterruptedException {
        while (rxBuffer.isEmpty()) {
            wait();
        }
        if (line.length() > 0 && lineResets != resets) {
            line.setLength(0);
        }
        if (line.length() == 0) {
            lineResets = resets;
            lineMotion = motion.generation();
        }
        return rxBuffer.poll();
    }

    private void execute(String raw) throws InterruptedException {
        String line = GrblLineBuffer.holding(raw);
        if (line == null) {
            send("error:11");
            return;
        }
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
            if (!motion.submit(block, lineMotion)) {
                return; // reset while waiting for planner room: the line is dropped silently
            }
        }
        if (resetAtNextMove && softReset(true)) {
            resetAtNextMove = false;
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
