package org.plotter.launcher;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.plotter.api.gcode.Placement;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.render.ImageFormat;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Sampling without a machine: the sketch as JSON (for 'plotter gcode'), and pictures of it on the page. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Samples a sketch and writes NAME.json (stroke-3 in the model's units, input for 'plotter gcode'),",
                "and NAME.svg and NAME.png: the sketch placed on the page as it would be plotted, in millimetres. No machine needed."})
final class SampleCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    PageOptions page;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        SamplingRequest request = sampling.request();
        Session session = root.session();
        Placement placement = page.placement(session);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        String name = output.baseName(sampling.baseName(model));
        try (OutputFiles files = output.reserve(name, "json", "svg", "png")) {
            write(session, request, placement, model, name, files);
        }
        return 0;
    }

    private void write(Session session, SamplingRequest request, Placement placement, SketchModel model, String name,
                       OutputFiles files) throws Exception {
        DrawingRenderer renderer = session.renderer();

        Sketch sketch = model.sample(request);
        Drawing onPage = session.planner().plan(sketch, placement);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        session.codec().write(sketch, json);
        files.stage(files.file(name, "json"), json.toByteArray());
        files.stage(files.file(name, "svg"), DrawCommand.render(renderer, onPage, ImageFormat.SVG));
        files.stage(files.file(name, "png"), DrawCommand.render(renderer, onPage, ImageFormat.PNG));
        List<Path> written = files.commit();
        root.spec.commandLine().getOut().printf("%s: %d strokes, %d points%n", name, sketch.strokeCount(), sketch.size());
        root.spec.commandLine().getOut().println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(" ")));
    }
}
