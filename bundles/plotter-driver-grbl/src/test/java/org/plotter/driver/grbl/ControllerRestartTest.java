package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.plotter.api.machine.JobResult.JobFailure;

/** Which greetings are restarts, which replies are none of the job's, and when the job cannot be continued. */
class ControllerRestartTest {
    private static final JobFailure RESET = new JobFailure(40, "G1 X10", JobFailure.MACHINE_RESET, "the controller restarted during the job");

    @Test
    void theHandshakesGreetingIsNoRestartAndLeavesThePlannerCounted() {
        ControllerRestart restart = new ControllerRestart();
        assertFalse(restart.greeted(true, false));
        assertTrue(restart.plannerIntact());
        assertFalse(restart.answeredAfterRestart(true), "an ok before any restart is the job's");
        assertSame(RESET, restart.finalFailure(RESET));
    }

    @Test
    void aGreetingInTheJobIsARestartWhoseOksAreLinesRunOutOfPlace() {
        ControllerRestart restart = new ControllerRestart();
        restart.greeted(true, false);
        assertTrue(restart.greeted(false, false));
        assertFalse(restart.plannerIntact());
        assertTrue(restart.answeredAfterRestart(false), "an error after it: refused, none of the job's");
        assertSame(RESET, restart.finalFailure(RESET), "nothing ran: the job may continue from where the machine stands");
        assertTrue(restart.answeredAfterRestart(true));
        assertTrue(restart.answeredAfterRestart(true));
        JobFailure failure = restart.finalFailure(RESET);
        assertEquals(JobFailure.RAN_OUT_OF_PLACE, failure.code());
        assertEquals(40, failure.lineNumber());
        assertTrue(failure.message().contains("took 2 line(s)"), failure.message());
        assertFalse(restart.quietFor(Duration.ofMinutes(1)));
        JobFailure refused = new JobFailure(7, "G7", "error:20", "unsupported");
        assertSame(refused, restart.finalFailure(refused), "only a restart's failure changes");
    }

    @Test
    void theStopsOwnResetAndLeavingCheckModeAreNoRestartsButClearThePlanner() {
        ControllerRestart checking = new ControllerRestart();
        checking.greeted(true, false);
        assertFalse(checking.greeted(false, true));
        ControllerRestart stopping = new ControllerRestart();
        stopping.greeted(true, false);
        stopping.resetting();
        assertFalse(stopping.plannerIntact(), "cleared as the reset goes out, before its greeting");
        assertFalse(stopping.greeted(false, false));
        assertFalse(stopping.answeredAfterRestart(true), "the pen-up command's ok is the stop's");
        ControllerRestart alarmed = new ControllerRestart();
        alarmed.alarmed();
        assertFalse(alarmed.plannerIntact());
    }
}
