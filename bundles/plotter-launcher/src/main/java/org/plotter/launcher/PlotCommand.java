package org.plotter.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.plotter.api.gcode.Placement;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.sketch.Layer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Any drawing on the machine: an SVG or a sketch file, planned and streamed like a sampled sketch. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plots an SVG drawing (paths, shapes, groups with transforms; fills drawn as outlines) or a sketch",
                "file: fits it to the page (or --scale 1 for its own size), streams it and keeps NAME.svg, NAME.gcode and",
                "NAME.png (what the pen drew), plus NAME.log if the plot did not complete. With --layers, each group or",
                "colour is drawn with its own pen: the plot pauses, pen up, and asks the operator to change it."})
final class PlotCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "Drawing (.svg) or sketch (.json).")
    Path file;

    @Mixin
    PlotOptions plot;

    @Mixin
    LayerOptions layers;

    @Mixin
    PageOptions page;

    @Mixin
    OutputOptions output;

    @Mixin
    MachineOptions machine;

    @Override
    public Integer call() throws Exception {
        Session session = root.session();
        List<Layer> drawing = GcodeCommand.read(session.codecFor(file), file, layers.split);
        Placement placement = page.placement(session);
        MachineOptions.Target target = machine.target(session, plot);
        String name = output.baseName(FileNames.of(file));
        try (OutputFiles files = output.reserveFor(file, name, Plotting.outputs(plot.preview))) {
            GcodeProgram program = session.translator().translateLayers(drawing, placement, target.profile());
            return Plotting.plotAndKeep(root, session, program, placement.page(), plot.preview, target, name, files);
        }
    }
}
