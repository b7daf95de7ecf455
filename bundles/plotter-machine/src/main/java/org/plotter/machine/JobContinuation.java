package org.plotter.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.ProgramReader;
import org.plotter.api.gcode.ProgramResumer;
import org.plotter.api.gcode.Resumption;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.JournalledJob;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;

/**
 * Continues a journalled job on a machine that answers again: lets it finish what it had (it keeps running
 * its queue when the host goes away), reads where it stopped, finds that point in the program between the
 * journal's bounds, and streams a preamble (pen up, back to the stop, pen down if it was down) and the rest.
 * The rest is held where the program is ({@link LineHolds}), so a second interruption is found as surely.
 * Events and the result of the continued run are counted in the program's lines, so listeners (the journal
 * among them) and the command never see the preamble.
 */
record JobContinuation(GcodeProgram program, FirmwareProfile profile, LineHolds holds, PlotterDriver driver, ProgramResumer resumer,
                       ProgramReader reader, JobJournal journal) {
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(10);
    /** The machine may still run a full planner and receive buffer of moves before it settles. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How the run being continued was interrupted. {@code controllerReset}: the controller was reset in the
     * job (GRBL's {@code ALARM:3}); its position is still counted, so its alarm may be cleared. {@code fate}:
     * whether the lines it had received ran or were thrown away.
     */
    record Interruption(boolean controllerReset, ProgramResumer.QueueFate fate) {
        /** A job that failed with {@code failure}: its queue ran unless the controller reset or the driver stopped it. */
        static Interruption of(JobResult.JobFailure failure) {
            boolean reset = failure.code().equals(JobResult.JobFailure.MACHINE_RESET);
            return new Interruption(reset, failure.code().equals(JobResult.JobFailure.CONNECTION_LOST)
                    ? ProgramResumer.QueueFate.RAN : ProgramResumer.QueueFate.DISCARDED);
        }

        /**
         * A journalled run: killed (no end recorded) or cut off from its machine, the machine ran its queue; any
         * other end went through the driver's safe stop, which clears it.
         */
        static Interruption of(JournalledJob job) {
            boolean ran = job.finished().map(f -> f.contains(JobResult.JobFailure.CONNECTION_LOST)).orElse(true);
            return new Interruption(false, ran ? ProgramResumer.QueueFate.RAN : ProgramResumer.QueueFate.DISCARDED);
        }
    }

    /** Turns on the session's connection: one for the console that finds the stop, one for the rest of the program. */
    @FunctionalInterface
    interface Turns {
        PlotterConnection open() throws IOException;
    }

    /**
     * Starts the rest of the program on the machine, after an interruption as {@code how} says.
     *
     * @throws IOException if the machine does not answer or settle
     * @throws org.plotter.api.InvalidInputException if where it stopped is not on the program's path
     */
    PlotJob start(Turns turns, JobListener listener, Interruption how) throws IOException, InterruptedException {
        JobEvent.Status at;
        try (MachineConsole console = driver.console(turns.open(), profile, CONSOLE_TIMEOUT)) {
            at = console.settle(SETTLE_TIMEOUT);
            // with homing in the profile the driver homes first, which also clears the alarm
            if (at.state().startsWith("Alarm") && !profile.protocol().flag("protocol.homing", false)) {
                if (!how.controllerReset()) {
                    throw new IOException("the machine is in an alarm state, so its position may be lost: check it, unlock or home it"
                            + " ('plotter unlock', 'plotter home'), then resume again");
                }
                console.unlock(CONSOLE_TIMEOUT);
            }
        }
        Resumption resumption = resumer.resume(program, profile, journal.executedAtLeast(), journal.sentAtMost(), at.x(), at.y(), how.fate());
        listener.onEvent(new JobEvent.Notice(String.format(Locale.ROOT, "the machine stopped at (%.3f, %.3f) mm %s line %d of %d; going on from there, pen %s",
                at.x(), at.y(), resumption.partial() ? "inside" : "after", resumption.partial() ? resumption.executed() + 1 : resumption.executed(),
                program.lines().size(), resumption.penDown() ? "down" : "up")));
        // the line the machine stopped inside may have run to its end: the next resume looks up to it
        journal.resumed(resumption.partial() ? resumption.executed() + 1 : resumption.executed());
        GcodeProgram rest = reader.read(resumption.lines(), profile);
        PlotJob job = driver.start(turns.open(), rest, profile, holds.after(resumption.executed(), resumption.preamble().size()),
                event -> listener.onEvent(inProgramLines(event, resumption, program.lines().size())));
        return new PlotJob() {
            @Override
            public void pause() {
                job.pause();
            }

            @Override
            public void pauseAtPenUp() {
                job.pauseAtPenUp();
            }

            @Override
            public void resume() {
                job.resume();
            }

            @Override
            public void cancel() {
                job.cancel();
            }

            @Override
            public JobResult await(Duration timeout) throws InterruptedException {
                return inProgramLines(job.await(timeout), resumption);
            }
        };
    }

    private static JobEvent inProgramLines(JobEvent event, Resumption r, int total) {
        if (event instanceof JobEvent.Sent sent) {
            return new JobEvent.Sent(r.programLines(sent.lines()));
        } else if (event instanceof JobEvent.Executed executed) {
            return new JobEvent.Executed(r.programLines(executed.lines()));
        } else if (event instanceof JobEvent.Progress progress) {
            return new JobEvent.Progress(r.programLines(progress.acknowledged()), total);
        } else if (event instanceof JobEvent.ProgramPause pause) {
            return new JobEvent.ProgramPause(r.programLines(pause.line()), pause.message());
        } else if (event instanceof JobEvent.MachineSilent silent) {
            return new JobEvent.MachineSilent(silent.silentFor(), r.programLines(silent.line()));
        } else if (event instanceof JobEvent.Finished finished) {
            return new JobEvent.Finished(inProgramLines(finished.result(), r));
        }
        return event;
    }

    private static JobResult inProgramLines(JobResult result, Resumption r) {
        return new JobResult(result.outcome(), r.programLines(result.linesAcknowledged()), result.failure().map(f ->
                new JobResult.JobFailure(f.lineNumber() > 0 ? r.programLines(f.lineNumber()) : 0, f.line(), f.code(), f.message())),
                result.elapsed(), result.machineLeft());
    }
}
