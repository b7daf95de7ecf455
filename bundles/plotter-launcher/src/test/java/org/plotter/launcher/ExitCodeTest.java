package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.plotter.api.InvalidInputException;
import picocli.CommandLine;

/** Only validated, refused input is exit 2; a fault inside plotter is exit 1 and says so. */
class ExitCodeTest {
    private int handle(Exception e, StringWriter err) throws Exception {
        CommandLine cli = PlotterMain.commandLine(new PlotterCommand(new BufferedReader(new StringReader(""))),
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), false, org.slf4j.LoggerFactory.getLogger(ExitCodeTest.class));
        return cli.getExecutionExceptionHandler().handleExecutionException(e, cli, null);
    }

    @Test
    void anInternalIllegalArgumentIsAFailureNotBadInput() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(1, handle(new IllegalArgumentException("index out of range"), err));
        assertTrue(err.toString().startsWith("plotter: internal error: index out of range"), err.toString());
    }

    @Test
    void refusedInputIsExitTwo() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, handle(new InvalidInputException("unknown page 'B9'"), err));
        assertEquals("plotter: unknown page 'B9'", err.toString().strip());
    }

    @Test
    void machineAndFileSystemFailuresAreExitOneWithoutTheInternalLabel() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(1, handle(new java.io.IOException("cannot open port /dev/ttyUSB0: busy"), err));
        assertEquals("plotter: cannot open port /dev/ttyUSB0: busy", err.toString().strip());
    }
}
