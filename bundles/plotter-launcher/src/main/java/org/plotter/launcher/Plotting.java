package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.machine.DurablePlot;
import org.plotter.api.machine.MachineSessions;
import org.plotter.api.machine.JobResult;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.render.ImageFormat;
import org.plotter.api.sketch.Drawing;

/** A sketch on a machine, as 'draw' and 'plot' do it: translate, stream, keep what happened. */
final class Plotting {
    /** 128 + SIGINT: what a shell expects of a command stopped by Ctrl-C. */
    static final int INTERRUPTED = 130;

    private Plotting() {}

    /**
     * Translates, streams to the machine and keeps the results: the planned SVG, the G-code, a PNG of what
     * the pen drew and, for a plot that did not complete, a log of why. Returns the exit code.
     */
    static int plotAndKeep(PlotterCommand root, Session session, GcodeProgram program, PageSpec page, boolean preview,
                           MachineOptions.Target target, String name, OutputFiles files) throws Exception {
        FirmwareProfile profile = target.profile();
        String port = target.port();
        if (target.dryRun()) {
            return DryRun.check(root, program, target, name);
        }
        DrawingRenderer renderer = session.renderer();
        if (preview) {
            stagePreview(renderer, program, page, profile, name, files);
        }
        PrintWriter err = root.spec.commandLine().getErr();
        ProgressReporter progress = new ProgressReporter(err, System.console() != null, program.statistics().estimatedTime(),
                session.programReader().drawnAfterLines(program.lines(), profile));
        MachineRun.Outcome outcome;
        DurablePlot durable = new DurablePlot(name, profile, target.profileSource(), target.reconnectFor());
        try (MachineSessions.Lease machine = session.machines().open(port, target.profileSource());
             MachineRun run = MachineRun.start(listener -> machine.session().plot(program, durable, listener), progress,
                new OperatorPrompt(root.in(), err).pausingAtPenUp(target.pauseAtPenUp()), () -> {
                    // what the machine is about to do, before it moves
                    err.println("plotter: " + Summaries.plan(program) + "; plotting on " + port);
                    FirmwareProfile configured = machine.session().profile();
                    if (!configured.id().equals(profile.id())) {
                        err.println("plotter: note: " + port + " is configured with profile " + configured.id() + "; this plot was made for "
                                + profile.id());
                    }
                    err.flush();
                }, System.console() != null && !target.yes())) {
            outcome = run.await(target.timeout());
            JobResult result = outcome.result();
            files.stage(files.file(name, "svg"), DrawCommand.render(renderer, PageView.onPage(program.planned(), page, profile.workArea(), false), ImageFormat.SVG));
            files.stage(files.file(name, "gcode"), DrawCommand.gcodeFile(program));
            Drawing drawn = outcome.record().map(r -> r.motion()).orElse(program.planned());
            files.stage(files.file(name, "png"), DrawCommand.render(renderer, PageView.onPage(drawn, page, profile.workArea(), true), ImageFormat.PNG));
            if (!result.completed()) {
                files.stage(files.file(name, "log"), jobLog(name, program, result));
            }
            List<Path> written = keep(files, result.completed());
            String kept = written.stream().map(Path::toString).collect(Collectors.joining(" "));
            if (!result.completed()) {
                err.println(stopped(outcome, port, program.lines().size()) + "; kept " + kept
                        + run.journal().filter(j -> continuable(result)).map(j -> "; 'plotter resume " + j + "' continues it").orElse(""));
                err.flush();
                // stopped by the operator after Ctrl-C: exit as an interrupted command does
                return outcome.signalled() ? INTERRUPTED : PlotterMain.FAILURE;
            }
            var out = root.spec.commandLine().getOut();
            out.println(Summaries.plot(name, program.statistics())
                    + outcome.record().map(r -> ", simulated " + Summaries.time(r.motionTime())).orElse("")
                    + ", sent in " + Summaries.time(result.elapsed()));
            out.println("wrote " + kept);
            if (Boolean.getBoolean("plotter.timing")) {
                out.println("timing: first G-code line after " + progress.millisToFirstLine() + " ms from JVM start");
            }
            return 0;
        }
    }

    /**
     * Whether a plot that did not complete left something to continue: a program refused before any of it ran
     * (it does not fit the machine, the machine is locked) has nothing, and no resume is offered for it.
     */
    static boolean continuable(JobResult result) {
        return result.failure().map(JobResult.JobFailure::continuable).orElse(true)
                && (result.linesAcknowledged() > 0 || result.failure().map(JobResult.JobFailure::resumable).orElse(false));
    }

    /** Why a plot did not complete, where, how far it got and how the machine was left: one line. */
    static String stopped(MachineRun.Outcome outcome, String port, int lines) {
        JobResult result = outcome.result();
        String what = outcome.signalled() ? "interrupted: plot cancelled" : "plot " + result.outcome().name().toLowerCase().replace('_', ' ');
        return "plotter: " + what + " on " + port + " after " + result.linesAcknowledged() + " of " + lines + " lines"
                + result.failure().map(f -> ": " + f).orElse("") + result.machineLeft().map(m -> "; machine left " + m).orElse("");
    }

    /** NAME.preview.png: the planned path on the machine's bed. */
    static void stagePreview(DrawingRenderer renderer, GcodeProgram program, PageSpec page, FirmwareProfile profile, String name,
                             OutputFiles files) throws IOException {
        files.stage(files.file(name, "preview.png"), DrawCommand.render(renderer, PlanPreview.of(program.planned(), page, profile.workArea()),
                ImageFormat.PNG));
    }

    /** The file names a plot may write: its picture, program, what was drawn, a log, and the preview if asked for. */
    static String[] outputs(boolean preview) {
        return preview ? new String[] {"svg", "gcode", "png", "log", "preview.png"} : new String[] {"svg", "gcode", "png", "log"};
    }

    /** Writes the results; a failure to write after the machine moved says so, and which file. */
    private static List<Path> keep(OutputFiles files, boolean completed) throws IOException {
        try {
            return files.commit();
        } catch (IOException e) {
            throw new IOException((completed ? "the plot completed but its results were not saved: " : "the results were not saved: ") + e.getMessage(), e);
        }
    }

    /** Why a plot stopped, for the person who finds the files later. */
    static byte[] jobLog(String name, GcodeProgram program, JobResult result) {
        StringBuilder log = new StringBuilder();
        log.append("plot: ").append(name).append('\n');
        log.append("outcome: ").append(result.outcome().name().toLowerCase()).append('\n');
        log.append("lines acknowledged: ").append(result.linesAcknowledged()).append(" of ").append(program.lines().size()).append('\n');
        result.failure().ifPresent(f -> log.append("stopped by: ").append(f).append('\n'));
        result.machineLeft().ifPresent(m -> log.append("machine left: ").append(m).append('\n'));
        log.append("elapsed: ").append(Summaries.time(result.elapsed())).append('\n');
        return log.toString().getBytes(StandardCharsets.UTF_8);
    }

}
