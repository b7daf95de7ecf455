package org.plotter.driver.sim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.gcode.GcodeProgram;

/**
 * The protocol side of a virtual Marlin 2: lines numbered {@code N…} with an XOR checksum {@code *…}
 * checked as Marlin checks them (a bad checksum, a missing one or a line number that is not the last one
 * plus one answers {@code Error:…}, {@code Resend: N} and {@code ok}); a command buffer of
 * {@value #BUFSIZE} lines; {@code ok} once a command has been processed; {@code M110} sets the line
 * number, {@code M400} waits for the moves, {@code M114} and {@code M115} report, {@code M108} and
 * {@code M410} are taken at once (Marlin's emergency parser). Dwell {@code P} is in milliseconds. Motion
 * goes to the same {@link MotionSimulator} as the virtual GRBL's. Lines in {@code garbled} arrive corrupted
 * the given number of times (line noise), to exercise the host's resends.
 *
 * <p>Faults come with the N-th numbered line taken ({@code MachineSettings#faults}): its {@code ok} lost,
 * late, among garbage or run into a broken line ({@code lostok}, {@code lateok}, {@code garbage},
 * {@code partial}); the line corrupted on the way ({@code checksum}); a {@code Resend:} for a line already
 * taken or one never sent ({@code resendold}, {@code resendnew}: noise on the way back); a long command
 * with {@code busy: processing} ({@code busy}); a hang until an emergency command ({@code stall}); the cable
 * pulled as the line has run ({@code unplug}), or as it was on its way, so that it and the lines behind it never
 * arrive ({@code cut}).
 */
final class VirtualMarlin implements VirtualMachine {
    static final String BANNER = "start";
    static final String FIRMWARE = "FIRMWARE_NAME:Marlin 2.1.2 (sim:plotter) SOURCE_CODE_URL:github.com/MarlinFirmware/Marlin PROTOCOL_VERSION:1.0 MACHINE_TYPE:plotter";
    /** Marlin's BUFSIZE: commands received and waiting to be processed. */
    static final int BUFSIZE = 4;
    private static final Pattern NUMBERED = Pattern.compile("N(-?\\d+)\\s*(.*?)\\*(\\d+)\\s*");
    private static final Pattern M110 = Pattern.compile("(?i)M110(?:\\s*N(-?\\d+))?.*");

    private final ByteQueueInputStream toHost;
    private final MotionSimulator motion;
    private final GcodeInterpreter interpreter;
    /** Received, not yet processed: Marlin's buffer and, beyond it, its serial receive buffer (counted, never lost here). */
    private final BlockingQueue<Received> commands = new LinkedBlockingQueue<>();

    /** A command waiting to be processed, and the fault that comes with it (empty for none). */
    private record Received(String command, String fault) {}

    private volatile int highWater;
    private final StringBuilder line = new StringBuilder();
    /** Line number → how many more times it arrives corrupted. */
    private final java.util.Map<Integer, Integer> garbled;
    /** Faults by the count of numbered lines taken (1-based); each comes once. */
    private final java.util.Map<Integer, String> faults;
    private int linesTaken;
    private volatile boolean stalled;
    private volatile Runnable unplug = () -> { };
    /** Cut off by a {@code cut} fault until the cable is back: bytes from the host are lost. Set under this. */
    private boolean cut;
    private final Thread processor;
    private volatile boolean running = true;
    private volatile boolean released;
    private long lastN;
    private final double maxRate;
    private final double acceleration;

    VirtualMarlin(MachineSettings settings, ByteQueueInputStream toHost, java.util.Map<Integer, Integer> garbled) {
        this.toHost = toHost;
        this.maxRate = settings.maxRate();
        this.acceleration = settings.acceleration();
        this.motion = new MotionSimulator(settings);
        this.interpreter = new GcodeInterpreter(settings, 0.001);
        this.garbled = new java.util.HashMap<>(garbled);
        this.faults = new java.util.HashMap<>(settings.faults());
        this.processor = new Thread(this::processLoop, "sim-marlin");
        processor.setDaemon(true);
        send(BANNER);
        send("echo: External Reset");
        send("Marlin 2.1.2");
        processor.start();
    }

    @Override
    public MotionSimulator motion() {
        return motion;
    }

    @Override
    public void unplugWith(Runnable unplug) {
        this.unplug = unplug;
    }

    @Override
    public synchronized void pluggedBackIn() {
        cut = false;
    }

    /** The most commands ever waiting at once: a host within its window keeps this at most {@value #BUFSIZE}. */
    int highWater() {
        return highWater;
    }

    /** A byte from the host: lines are checked as they complete; a full buffer holds the sender back. */
    @Override
    public synchronized void receive(int b) {
        if (cut) {
            return; // the cable is cut: nothing the host sends arrives
        }
        if (b != '\n' && b != '\r') {
            line.append((char) b);
            return;
        }
        String text = line.toString().strip();
        line.setLength(0);
        if (!text.isEmpty()) {
            accept(text);
        }
    }

    private void accept(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        // the emergency parser acts on these wherever they are, before the buffer
        if (upper.contains("M108")) {
            released = true;
            stalled = false;
        }
        if (upper.contains("M410")) {
            motion.reset();
            commands.clear();
            stalled = false;
        }
        if (stalled) {
            return; // a hung controller reads nothing else
        }
        Matcher n = NUMBERED.matcher(text);
        String command = text;
        if (text.startsWith("N")) {
            if (!n.matches()) {
                requestResend("No Checksum with line number");
                return;
            }
            long number = Long.parseLong(n.group(1));
            int star = text.lastIndexOf('*');
            int sum = 0;
            for (byte c : text.substring(0, star).getBytes(StandardCharsets.US_ASCII)) {
                sum ^= c;
            }
            boolean noise = garbled.merge((int) number, -1, Integer::sum) >= 0;
            garbled.remove((int) number, -1);
            noise |= faults.remove(linesTaken + 1, "checksum");
            if (noise || sum != Integer.parseInt(n.group(3))) {
                requestResend("checksum mismatch");
                return;
            }
            command = n.group(2).strip();
            Matcher m110 = M110.matcher(command);
            if (m110.matches()) {
                lastN = m110.group(1) != null ? Long.parseLong(m110.group(1)) : number;
                send("ok");
                return;
            }
            if (number != lastN + 1) {
                requestResend("Line Number is not Last Line Number+1");
                return;
            }
            lastN = number;
            String fault = faults.getOrDefault(++linesTaken, "");
            commands.add(new Received(command, fault));
            highWater = Math.max(highWater, commands.size());
            if (fault.equals("resendold") || fault.equals("resendnew")) {
                // noise on the way back: a request for a line long taken, or for one never sent
                send("Resend: " + (fault.equals("resendold") ? Math.max(1, lastN - 2) : lastN + 5));
                send("ok");
            }
            return;
        } else if (M110.matcher(command).matches()) {
            Matcher m110 = M110.matcher(command);
            m110.matches();
            lastN = m110.group(1) != null ? Long.parseLong(m110.group(1)) : 0;
            send("ok");
            return;
        }
        commands.add(new Received(command, ""));
        highWater = Math.max(highWater, commands.size());
    }

    /** As Marlin's flush_and_request_resend: the error, the line it wants next, and an ok for the bad line. */
    private void requestResend(String why) {
        send("Error:" + why + ", Last Line: " + lastN);
        send("Resend: " + (lastN + 1));
        send("ok");
    }

    private void processLoop() {
        while (running) {
            try {
                Received next = commands.take();
                if (!before(next.fault())) {
                    continue;
                }
                process(next.command());
                answer(next.fault());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A fault before the command runs; false if it is not run (dropped by the emergency stop that ended a hang). */
    private boolean before(String fault) throws InterruptedException {
        switch (fault) {
            case "busy" -> {
                for (int i = 0; i < 3; i++) {
                    send("echo:busy: processing"); // Marlin's host keepalive during a long command
                    Thread.sleep(1000);
                }
            }
            case "stall" -> {
                stalled = true;
                while (stalled && running) {
                    Thread.sleep(20);
                }
                return false;
            }
            case "cut" -> {
                // the cable pulled as this line was on its way: it and the lines behind it never arrive
                synchronized (this) {
                    cut = true; // under the lock that takes lines in: not one arrives after the clear
                    commands.clear();
                    line.setLength(0);
                }
                unplug.run();
                return false;
            }
            default -> { }
        }
        return true;
    }

    /** The command's ok, or what a fault makes of it; a busy line cut off is what the ok runs into. */
    private void answer(String fault) throws InterruptedException {
        OkFaults.answer(fault, this::send, toHost, unplug, "echo:busy: proc");
    }

    private void process(String command) throws InterruptedException {
        String upper = GcodeProgram.withoutComments(command).toUpperCase(Locale.ROOT);
        if (upper.matches("M400\\b.*")) {
            while (!motion.idle()) {
                Thread.sleep(1);
            }
        } else if (upper.matches("M0*[01]\\b.*")) {
            while (!motion.idle()) {
                Thread.sleep(1); // Marlin's M0 synchronises the planner first
            }
            released = false;
            long lastBusy = 0;
            while (!released && running) {
                if (System.nanoTime() - lastBusy > 2_000_000_000L) {
                    send("echo:busy: paused for user");
                    lastBusy = System.nanoTime();
                }
                Thread.sleep(5);
            }
        } else if (upper.matches("M114\\b.*")) {
            // Marlin reports the position in the program's coordinates (after G92's shift)
            double[] p = motion.position(), shift = interpreter.workOffset();
            send(String.format(Locale.ROOT, "X:%.2f Y:%.2f Z:%.2f E:0.00 Count X:0 Y:0 Z:0", p[0] - shift[0], p[1] - shift[1], p[2] - shift[2]));
        } else if (upper.matches("M115\\b.*")) {
            send(FIRMWARE);
        } else if (upper.matches("M108\\b.*|M410\\b.*")) {
            // taken by the emergency parser already
        } else if (upper.matches("M(17|18|84|999)\\b.*")) {
            // steppers on or off, restart after a halt: nothing to simulate
        } else if (upper.matches("G28\\b.*")) {
            // home: the endstops are at the origin, and homing clears the G92 shift
            for (MotionSimulator.Block block : interpreter.interpret("G53 G0 X0 Y0").blocks()) {
                motion.submit(block);
            }
            interpreter.interpret("G92.1");
        } else if (upper.matches("M503\\b.*")) {
            send(String.format(Locale.ROOT, "echo:  M203 X%.2f Y%.2f ; max feedrate mm/s", maxRate / 60, maxRate / 60));
            send(String.format(Locale.ROOT, "echo:  M201 X%.2f Y%.2f ; max acceleration mm/s2", acceleration, acceleration));
        } else if (upper.matches("M(92|201|203|204|205)\\b.*")) {
            // settings are accepted; the simulator keeps its own
        } else if (!upper.isEmpty()) {
            GcodeInterpreter.Result result = interpreter.interpret(upper);
            if (result.error() > 0 || result.softLimit()) {
                send("echo:Unknown command: \"" + command + "\"");
            } else {
                for (MotionSimulator.Block block : result.blocks()) {
                    if (!motion.submit(block)) {
                        break;
                    }
                }
            }
        }
    }

    private void send(String reply) {
        if (stalled) {
            return; // a hung controller says nothing
        }
        toHost.offer((reply + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void shutdown() {
        running = false;
        processor.interrupt();
        motion.shutdown();
        toHost.close();
    }
}
