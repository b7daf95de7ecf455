package org.plotter.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotterDriver;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.render.ImageFormat;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Sample, plan, translate, stream, and keep the sketch, the G-code and a picture of what was drawn. */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Samples a sketch, fits it to the page, streams the G-code to the plotter and writes",
                "NAME.svg (the sketch), NAME.gcode (what was sent) and NAME.png (what the pen drew;",
                "pen-up travel in a faint colour) to the output directory. A plot that does not complete",
                "(a machine error, Ctrl-C) stops the machine, lifts the pen and also keeps NAME.log: why it stopped."})
final class DrawCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    PlotOptions plot;

    @Mixin
    PageOptions page;

    @Mixin
    OutputOptions output;

    @Option(names = {"-p", "--port"}, defaultValue = "sim:",
            description = "Machine port: sim: (the built-in simulated GRBL plotter; sim:speed=N runs N times real time) (default: ${DEFAULT-VALUE}).")
    String port;

    @Option(names = "--timeout", defaultValue = "2h", converter = DurationConverter.class,
            description = "Give up on a plot after this long: 30s, 5m, 2h, 1h30m or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        // everything that can be refused is checked before the machine moves
        SamplingRequest request = sampling.request();
        Session session = root.session();
        Placement placement = page.placement(session);
        FirmwareProfile profile = session.profiles().profile(plot.profile);
        PlotterDriver driver = session.driver(profile.protocol().name());
        ConnectionFactory ports = session.connectionFor(port);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        String name = output.baseName(sampling.baseName(model));
        try (OutputFiles files = output.reserve(name, "svg", "gcode", "png", "log")) {
            return plot(session, request, placement, profile, driver, ports, model, name, files);
        }
    }

    private int plot(Session session, SamplingRequest request, Placement placement, FirmwareProfile profile, PlotterDriver driver,
                     ConnectionFactory ports, SketchModel model, String name, OutputFiles files) throws Exception {
        DrawingRenderer renderer = session.renderer();

        Sketch sketch = model.sample(request);
        GcodeProgram program = session.translator().translate(sketch, placement, profile);
        ProgressReporter progress = new ProgressReporter(root.spec.commandLine().getErr(), System.console() != null);
        MachineRun.Outcome outcome;
        try (MachineRun run = MachineRun.start(ports, port, driver, program, profile, progress)) {
            outcome = run.await(timeout);
            JobResult result = outcome.result();
            files.stage(files.file(name, "svg"), render(renderer, PageView.onPage(program.planned(), placement.page(), profile.workArea(), false), ImageFormat.SVG));
            files.stage(files.file(name, "gcode"), gcodeFile(program));
            Drawing drawn = outcome.record().map(r -> r.motion()).orElse(program.planned());
            files.stage(files.file(name, "png"), render(renderer, PageView.onPage(drawn, placement.page(), profile.workArea(), true), ImageFormat.PNG));
            if (!result.completed()) {
                files.stage(files.file(name, "log"), jobLog(name, program, result));
            }
            List<Path> written = keep(files, result.completed());
            String kept = written.stream().map(Path::toString).collect(Collectors.joining(" "));
            if (!result.completed()) {
                String what = outcome.signalled() ? "interrupted: plot cancelled" : "plot " + result.outcome().name().toLowerCase().replace('_', ' ');
                PrintWriter err = root.spec.commandLine().getErr();
                err.println("plotter: " + what + " on " + port + " after " + result.linesAcknowledged() + " of " + program.lines().size()
                        + " lines" + result.failure().map(f -> ": " + f).orElse("")
                        + result.machineLeft().map(m -> "; machine left " + m).orElse("") + "; kept " + kept);
                err.flush();
                return PlotterMain.FAILURE;
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

    /** A program as a G-code file: one command per line, ASCII. */
    static byte[] gcodeFile(GcodeProgram program) {
        return (String.join("\n", program.lines()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] render(DrawingRenderer renderer, Drawing drawing, ImageFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        renderer.render(drawing, format, bytes);
        return bytes.toByteArray();
    }
}
