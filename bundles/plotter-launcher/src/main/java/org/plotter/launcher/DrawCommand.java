package org.plotter.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plotter.api.gcode.GcodeProgram;
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

    @Mixin
    MachineOptions machine;

    @Override
    public Integer call() throws Exception {
        // everything that can be refused is checked before the machine moves
        SamplingRequest request = sampling.request();
        Session session = root.session();
        List<Placement> placements = page.placements(session);
        MachineOptions.Target target = machine.target(session, plot);
        SketchModel model = session.loadModel(sampling.model, sampling.sketchClass);
        String name = output.baseName(sampling.baseName(model));
        try (OutputFiles files = output.reserve(name, Plotting.outputs(plot.preview))) {
            List<Sketch> sketches = new ArrayList<>();
            for (int i = 0; i < placements.size(); i++) {
                // a grid draws the seed's sketch and the next seeds' after it
                sketches.add(model.sample(SamplingRequest.of(sampling.sketchClass, request.temperature(), request.seed() + i)));
            }
            GcodeProgram program = session.translator().translate(sketches, placements, target.profile());
            return Plotting.plotAndKeep(root, session, program, placements.get(0).page(), plot.preview, target, name, files);
        }
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
