package org.plotter.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.InvalidInputException;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.driver.grbl.GrblDriver;
import org.plotter.driver.sim.VirtualDevice;

/** Serial ports opened through jSerialComm on real pseudo-terminals, with the simulated GRBL behind them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerialPortTest {
    private final SerialConnectionFactory ports = new SerialConnectionFactory();

    @TempDir
    Path dir;

    /** The host end of the pseudo-terminal pair. */
    private Path host() {
        return dir.resolve("ttyHOST");
    }

    @Test
    void aPseudoTerminalIsAPortAndTheMachineAnswers() throws Exception {
        try (VirtualDevice pty = Pty.simulator(dir, "sim:")) {
            assertTrue(ports.accepts(host().toString()));
            try (PlotterConnection port = ports.open(host().toString(), Map.of("serial.baud", "115200"))) {
                BufferedReader in = new BufferedReader(new InputStreamReader(port.input(), StandardCharsets.US_ASCII));
                port.output().write("G21 G90\n".getBytes(StandardCharsets.US_ASCII));
                port.output().flush();
                String reply = in.readLine();
                // the greeting may come first: the device began talking when it was served
                if (reply.startsWith("Grbl")) {
                    reply = in.readLine();
                }
                assertEquals("ok", reply);
                port.output().write('?');
                port.output().flush();
                assertTrue(in.readLine().startsWith("<Idle|MPos:0.000,0.000"));
            }
        }
    }

    @Test
    void theGrblDriverSaysWhichFirmwareAnswered() throws Exception {
        try (VirtualDevice pty = Pty.simulator(dir, "sim:")) {
            try (PlotterConnection port = ports.open(host().toString())) {
                Optional<String> firmware = new GrblDriver().identify(port, Duration.ofSeconds(2));
                assertTrue(firmware.isPresent() && firmware.get().startsWith("Grbl 1.1") || firmware.equals(Optional.of("GRBL (answered a status query)")),
                        String.valueOf(firmware));
            }
        }
    }

    @Test
    void missingBusyOrNonSerialPortsAreRefusedInOneSentence() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> ports.open("/dev/ttyNOSUCHPORT9"));
        assertTrue(missing.getMessage().startsWith("no such port: /dev/ttyNOSUCHPORT9"), missing.getMessage());
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        IOException regular = assertThrows(IOException.class, () -> ports.open(file.toString()));
        assertEquals(file + " is not a serial device", regular.getMessage());
        IOException directory = assertThrows(IOException.class, () -> ports.open(dir.toString()));
        assertTrue(directory.getMessage().endsWith("is not a serial device"));
        InvalidInputException baud = assertThrows(InvalidInputException.class, () -> ports.open("/dev/null", Map.of("serial.baud", "fast")));
        assertTrue(baud.getMessage().contains("serial.baud"), baud.getMessage());
        try (VirtualDevice pty = Pty.simulator(dir, "sim:")) {
            try (PlotterConnection first = ports.open(host().toString())) {
                IOException busy = assertThrows(IOException.class, () -> ports.open(host().toString()));
                assertEquals(host() + " is busy: this plotter already has it open", busy.getMessage());
            }
            ports.open(host().toString()).close(); // closed: free again
            // another program holding the port's lock, as a sender built on the same library would
            Process holder = new ProcessBuilder("flock", "--exclusive", host().toRealPath().toString(), "sleep", "30").start();
            try {
                Thread.sleep(300);
                IOException other = assertThrows(IOException.class, () -> ports.open(host().toString()));
                assertTrue(other.getMessage().startsWith(host() + " is busy: another program"), other.getMessage());
                assertFalse(other.getMessage().contains("\n"));
            } finally {
                holder.destroy();
            }
        }
    }

    @Test
    void devicePathsComPortsAndPrefixedNamesAreSerialOthersAreNot() {
        assertTrue(ports.accepts("/dev/ttyUSB0"));
        assertTrue(ports.accepts("/dev/tty.usbserial-1410"));
        assertTrue(ports.accepts("COM3"));
        assertTrue(ports.accepts("\\\\.\\COM12"));
        assertTrue(ports.accepts("serial:/dev/ttyACM0"));
        assertFalse(ports.accepts("sim:"));
        assertFalse(ports.accepts("tcp:192.168.1.5:23"));
    }
}
