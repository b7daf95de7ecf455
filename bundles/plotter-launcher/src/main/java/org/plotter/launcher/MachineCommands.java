package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.MachineSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * What a person at the plotter needs between plots: status, unlock, home, pen up and down, a move, the
 * settings. Each opens the port, talks to the machine through its driver's console, and closes it again.
 */
final class MachineCommands {
    /** How long a machine may take to answer when the port opens (an Arduino restarts first). */
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** How long an ordinary command may take. */
    private static final Duration COMMAND = Duration.ofSeconds(10);
    /** A homing cycle searches the whole travel slowly. */
    private static final Duration HOMING = Duration.ofMinutes(2);

    private MachineCommands() {}

    /** The machine: its port and profile. */
    static final class Machine {
        @Option(names = {"-p", "--port"}, defaultValue = "sim:", description = "Machine port, e.g. /dev/ttyUSB0 (default: ${DEFAULT-VALUE}).")
        String port;

        @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "grbl-servo",
                description = "Firmware profile (default: ${DEFAULT-VALUE}).")
        String profile;
    }

    /** One conversation: what to do with the console, given the profile; returns the exit code. */
    interface Conversation {
        int with(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException;
    }

    /** A command that opens the machine's console, says its piece, and closes it. */
    abstract static class MachineCommand implements Callable<Integer> {
        @ParentCommand
        PlotterCommand root;

        @Mixin
        Machine machine;

        /** Checks the arguments before the port is opened: bad input must not touch the machine. */
        void check() {
        }

        abstract int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException;

        @Override
        public Integer call() throws Exception {
            check();
            return talk(root, machine, this::converse);
        }
    }

    /** Through the machine's session: the configured one of the port, or one made for this command. */
    static int talk(PlotterCommand root, Machine machine, Conversation conversation) throws Exception {
        Session session = root.session();
        FirmwareProfile profile = session.profiles().profile(machine.profile);
        session.driver(profile.protocol().name()); // a profile nothing here speaks is named before the port is touched
        session.connectionFor(machine.port);
        PrintWriter out = root.spec.commandLine().getOut();
        try (MachineSessions.Lease lease = session.machines().open(machine.port, machine.profile)) {
            return lease.session().console(console -> conversation.with(console, lease.session().profile(), out), ANSWER);
        } catch (IOException e) {
            throw new IOException(machine.port + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new IOException(e.getMessage() + ": machine commands need a driver with a console", e);
        }
    }

    private static void print(PrintWriter out, List<String> said) {
        said.forEach(out::println);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The machine's state and position.")
    static final class Status extends MachineCommand {
        @Override
        int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException {
            JobEvent.Status s = console.status(COMMAND);
            out.printf(Locale.ROOT, "%s: %s at X %.3f Y %.3f mm%n", console.firmware(), s.state(), s.x(), s.y());
            return 0;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = {"Clears an alarm lock ($X on GRBL, M999 on Marlin) without homing. Only when you know where the machine is:",
                    "after an alarm in motion its position may be wrong."})
    static final class Unlock extends MachineCommand {
        @Override
        int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException {
            print(out, console.unlock(COMMAND));
            out.println("unlocked: " + console.status(COMMAND).state());
            return 0;
        }
    }

    @Command(name = "home", mixinStandardHelpOptions = true, description = "Runs the homing cycle ($H on GRBL, G28 X Y on Marlin; needs endstops).")
    static final class Home extends MachineCommand {
        @Override
        int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException {
            print(out, console.home(HOMING));
            JobEvent.Status s = console.status(COMMAND);
            out.printf(Locale.ROOT, "homed: %s at X %.3f Y %.3f mm%n", s.state(), s.x(), s.y());
            return 0;
        }
    }

    @Command(name = "pen", mixinStandardHelpOptions = true, description = "Lifts or lowers the pen with the profile's commands and waits its delay.")
    static final class Pen extends MachineCommand {
        @Parameters(paramLabel = "up|down", description = "up or down")
        String where;

        @Override
        void check() {
            if (!where.equalsIgnoreCase("up") && !where.equalsIgnoreCase("down")) {
                throw new InvalidInputException("pen takes up or down, got '" + where + "'");
            }
        }

        @Override
        int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException {
            boolean down = where.equalsIgnoreCase("down");
            List<String> commands = new ArrayList<>(down ? profile.pen().down() : profile.pen().up());
            if (!profile.pen().delay().isZero()) {
                commands.add(profile.dialect().dwell(profile.pen().delay()));
            }
            for (String command : commands) {
                print(out, console.send(command, COMMAND));
            }
            out.println("pen " + (down ? "down" : "up"));
            return 0;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Moves to X Y, mm in machine coordinates, at the travel rate, with the pen as it is (lift it first).")
    static final class Move extends MachineCommand {
        @Parameters(index = "0", paramLabel = "X")
        double x;

        @Parameters(index = "1", paramLabel = "Y")
        double y;

        @Override
        int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException {
            FirmwareProfile.WorkArea area = profile.workArea();
            if (!(x >= 0 && y >= 0 && x <= area.width() && y <= area.height())) {
                throw new InvalidInputException(String.format(Locale.ROOT, "(%.3f, %.3f) mm is outside the %.0f x %.0f mm work area of %s",
                        x, y, area.width(), area.height(), profile.id()));
            }
            GcodeDialect.LengthUnit unit = profile.dialect().lengthUnit();
            print(out, console.send(String.format(Locale.ROOT, "%s G0 X%.4f Y%.4f", unit == GcodeDialect.LengthUnit.INCHES ? "G20 G90" : "G21 G90",
                    unit.fromMillimetres(x), unit.fromMillimetres(y)), COMMAND));
            // G0 is answered when planned; wait until the machine has arrived
            long deadline = System.nanoTime() + HOMING.toNanos();
            JobEvent.Status s = console.status(COMMAND);
            while (!s.state().equals("Idle") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                s = console.status(COMMAND);
            }
            out.printf(Locale.ROOT, "%s at X %.3f Y %.3f mm%n", s.state(), s.x(), s.y());
            return 0;
        }
    }

    @Command(name = "settings", mixinStandardHelpOptions = true, description = "Lists the machine's settings ($$ on GRBL, M503 on Marlin), or changes some.")
    static final class Settings extends MachineCommand {

        @Option(names = "--set", paramLabel = "SETTING", description = {"Set a setting as the firmware writes it: GRBL --set '$110=5000',",
                "Marlin --set 'M203 X100 Y100' (repeatable)."})
        List<String> set = new ArrayList<>();

        @Override
        int converse(MachineConsole console, FirmwareProfile profile, PrintWriter out) throws IOException, InterruptedException {
            for (String s : set) {
                print(out, console.set(s, COMMAND));
                out.println("set " + s.strip());
            }
            if (set.isEmpty()) {
                print(out, console.settings(COMMAND));
            }
            return 0;
        }
    }
}
