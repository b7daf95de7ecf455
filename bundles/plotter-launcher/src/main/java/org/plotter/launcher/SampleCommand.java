package org.plotter.launcher;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.plotter.api.Drawing;
import org.plotter.api.DrawingRenderer;
import org.plotter.api.ImageFormat;
import org.plotter.api.SamplingRequest;
import org.plotter.api.Sketch;
import org.plotter.api.SketchModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Sampling without a machine: the sketch as JSON (for 'plotter gcode'), SVG and PNG. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Samples a sketch and writes NAME.json (stroke-3, input for 'plotter gcode'), NAME.svg and NAME.png; no machine needed.")
final class SampleCommand implements Callable<Integer> {
    /** Border around the sketch in the pictures, in the sketch's own units. */
    private static final double PAD = 10;

    @ParentCommand
    PlotterCommand root;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        SamplingRequest request = sampling.request();
        Session session = root.session();
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        Sketch sketch = model.sample(request);
        String name = request.sketchClass().orElse(model.info().name()) + "-" + sampling.seed();
        if (Drawing.of(sketch, PAD).paths().isEmpty()) {
            throw new IllegalStateException("the model ended the sketch before drawing a stroke; try another --seed");
        }
        DrawingRenderer renderer = session.renderer();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        session.codec().write(sketch, json);
        OutputFiles files = new OutputFiles();
        files.stage(output.file(name, "json"), json.toByteArray());
        files.stage(output.file(name, "svg"), DrawCommand.render(renderer, Drawing.of(sketch, PAD), ImageFormat.SVG));
        files.stage(output.file(name, "png"), DrawCommand.render(renderer, Drawing.of(sketch, PAD), ImageFormat.PNG));
        List<Path> written = files.commit();
        root.spec.commandLine().getOut().printf("%s: %d strokes, %d points%n", name, sketch.strokeCount(), sketch.size());
        root.spec.commandLine().getOut().println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(" ")));
        return 0;
    }
}
