package org.plotter.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.plotter.api.Drawing;
import org.plotter.api.DrawingRenderer;
import org.plotter.api.machine.ExecutionRecord;
import org.plotter.api.FirmwareProfile;
import org.plotter.api.GcodeProgram;
import org.plotter.api.ImageFormat;
import org.plotter.api.JobResult;
import org.plotter.api.PageSpec;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.PlotterConnection;
import org.plotter.api.SamplingRequest;
import org.plotter.api.Sketch;
import org.plotter.api.SketchModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Sample, plan, translate, stream, and keep the sketch, the G-code and a picture of what was drawn. */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Samples a sketch, fits it to the page, streams the G-code to the plotter and writes",
                "NAME.svg (the sketch), NAME.gcode (what was sent) and NAME.png (what the pen drew;",
                "pen-up travel in a faint colour) to the output directory."})
final class DrawCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    PlotOptions plot;

    @Mixin
    OutputOptions output;

    @Option(names = {"-p", "--port"}, defaultValue = "sim:",
            description = "Machine port: sim: (the built-in simulated GRBL plotter; sim:speed=N runs N times real time) (default: ${DEFAULT-VALUE}).")
    String port;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Give up on a plot after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        SamplingRequest request = sampling.request();
        PageSpec page = plot.pageSpec();
        Session session = root.session();
        FirmwareProfile profile = session.profile(plot.profile);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        Sketch sketch = model.sample(request);
        GcodeProgram program = session.translator().translate(sketch, page, profile);
        String name = request.sketchClass().orElse(model.info().name()) + "-" + sampling.seed();

        ProgressReporter progress = new ProgressReporter(root.spec.commandLine().getErr(), System.console() != null);
        JobResult result;
        ExecutionRecord record;
        try (PlotterConnection connection = session.connectionFor(port).open(port)) {
            PlotJob job = session.driver(profile.protocol()).start(connection, program, profile, progress);
            Thread stopOnInterrupt = new Thread(job::cancel, "plotter-cancel");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            try {
                result = job.await(timeout);
                if (result.outcome() == JobResult.Outcome.TIMED_OUT) {
                    job.cancel();
                }
            } finally {
                removeHook(stopOnInterrupt);
            }
            record = connection.executionRecord().orElse(null);
        }
        if (!result.completed()) {
            throw new PlotFailedException("plot " + result.outcome().name().toLowerCase() + " on " + port + " after "
                    + result.linesAcknowledged() + " of " + program.lines().size() + " lines"
                    + result.failure().map(f -> ": " + f).orElse(""));
        }

        DrawingRenderer renderer = session.renderer();
        OutputFiles files = new OutputFiles();
        files.stage(output.file(name, "svg"), render(renderer, PageView.onPage(program.planned(), page, false), ImageFormat.SVG));
        files.stage(output.file(name, "gcode"), gcodeFile(program));
        Drawing drawn = record != null ? record.motion() : program.planned();
        files.stage(output.file(name, "png"), render(renderer, PageView.onPage(drawn, page, true), ImageFormat.PNG));
        List<Path> written = files.commit();

        var out = root.spec.commandLine().getOut();
        out.println(Summaries.plot(name, program.statistics())
                + (record != null ? ", simulated " + Summaries.time(record.motionTime()) : "")
                + ", sent in " + Summaries.time(result.elapsed()));
        out.println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(" ")));
        if (Boolean.getBoolean("plotter.timing")) {
            out.println("timing: first G-code line after " + progress.millisToFirstLine() + " ms from JVM start");
        }
        return 0;
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
    }

    /** The machine did not finish the job: exit code 1. */
    static final class PlotFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        PlotFailedException(String message) {
            super(message);
        }
    }
}
