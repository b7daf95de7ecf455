package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.DurablePlot;
import org.plotter.api.machine.JobJournals;
import org.plotter.api.machine.JournalledJob;
import org.plotter.api.machine.MachineSessions;
import org.plotter.api.machine.PortInfo;
import org.plotter.api.machine.JobResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** An interrupted plot, continued from where the machine stopped, after the process itself was killed. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues a plot that was interrupted (the process killed, the machine unplugged for longer than",
                "--reconnect-for): the machine finishes what it had, says where it stopped, and the rest of the program is",
                "sent from exactly there: no segment drawn twice, none skipped. Every plot on a port keeps a journal;",
                "--list shows them."})
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "The job to continue (as 'plotter resume --list' names it).")
    String job;

    @Option(names = "--list", description = "List the journalled jobs and how far each got.")
    boolean list;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "The machine's port, if it is not where the job was plotted.")
    String port;

    @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", description = "The firmware profile, if not the job's.")
    String profile;

    @Option(names = "--timeout", defaultValue = "2h", converter = DurationConverter.class,
            description = "Give up on the rest of the plot after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-y", "--yes"}, description = "Ctrl-C stops the plot safely at once, without asking.")
    boolean yes;

    @Mixin
    ReconnectOption reconnect;

    @Mixin
    PauseAtPenUpOption pause;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.spec.commandLine().getOut(), err = root.spec.commandLine().getErr();
        if (list) {
            listJobs(root.session().journals(), out);
            return 0;
        }
        if (job == null) {
            throw new picocli.CommandLine.ParameterException(root.spec.commandLine(), "name the JOB to resume, or --list");
        }
        Session session = root.session();
        JournalledJob state = session.journals().read(job);
        if (state.completed()) {
            out.println("job " + job + " completed: there is nothing to resume");
            return 0;
        }
        if (state.finished().filter(f -> f.contains(JobResult.JobFailure.RAN_OUT_OF_PLACE)).isPresent()) {
            err.println("plotter: job " + job + " cannot be resumed: its machine restarted and then ran lines out of their place"
                    + " in the program, so where the drawing stopped is not known; plot it again on fresh paper");
            return PlotterMain.FAILURE;
        }
        String profileSource = profile != null ? profile : state.profile();
        FirmwareProfile resolved = session.profiles().profile(profileSource);
        GcodeProgram program = session.programReader().read(state.program(), resolved);
        String where = port != null ? port : journalledPort(session, state, err);
        session.connectionFor(where); // a port nothing here takes is named before anything else
        ProgressReporter progress = new ProgressReporter(err, System.console() != null, program.statistics().estimatedTime(),
                session.programReader().drawnAfterLines(program.lines(), resolved));
        DurablePlot durable = new DurablePlot(job, resolved, profileSource, reconnect.reconnectFor);
        try (MachineSessions.Lease machine = session.machines().open(where, profileSource);
             MachineRun run = MachineRun.start(listener -> machine.session().resume(state, program, durable, listener), progress,
                     new OperatorPrompt(root.in(), err).pausingAtPenUp(pause.pauseAtPenUp), () -> {
                         err.println("plotter: resuming " + job + " on " + where + ": " + state.sent() + " of " + state.program().size()
                                 + " lines were sent, at least " + state.executed() + " ran");
                         err.flush();
                     }, System.console() != null && !yes)) {
            MachineRun.Outcome outcome = run.await(timeout);
            JobResult result = outcome.result();
            if (!result.completed()) {
                err.println(Plotting.stopped(outcome, where, program.lines().size()) + "; 'plotter resume " + job + "' continues it");
                return outcome.signalled() ? Plotting.INTERRUPTED : PlotterMain.FAILURE;
            }
            out.println("resumed " + job + ": the plot completed, sent in " + Summaries.time(result.elapsed()));
            return 0;
        } catch (IOException e) {
            throw new IOException("cannot resume " + job + " on " + where + ": " + e.getMessage(), e);
        }
    }

    /** The job's port, or, when it is gone and the machine's USB serial number shows on another, that one. */
    private static String journalledPort(Session session, JournalledJob state, PrintWriter err) {
        if (state.serialNumber().isEmpty()) {
            return state.port();
        }
        List<PortInfo> ports = session.connectionFor(state.port()).ports();
        if (ports.stream().anyMatch(p -> p.port().equals(state.port()))) {
            return state.port();
        }
        Optional<String> moved = ports.stream().filter(p -> p.serialNumber().equals(state.serialNumber())).map(PortInfo::port).findFirst();
        moved.ifPresent(p -> err.println("plotter: " + state.port() + " is gone; the machine (USB serial number " + state.serialNumber().get()
                + ") is now on " + p));
        return moved.orElse(state.port());
    }

    private static void listJobs(JobJournals journals, PrintWriter out) {
        List<String> ids = journals.ids();
        if (ids.isEmpty()) {
            out.println("no jobs in " + journals.directory());
            return;
        }
        for (String id : ids) {
            try {
                JournalledJob s = journals.read(id);
                out.println(id + "  " + s.port() + "  " + s.finished().orElse("interrupted") + "  " + s.executed() + "/" + s.program().size()
                        + " lines ran, " + s.sent() + " sent");
            } catch (RuntimeException e) {
                out.println(id + "  unreadable: " + e.getMessage());
            }
        }
    }
}
