package org.plotter.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Layer;
import org.plotter.api.sketch.SketchCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A sketch file to a G-code file, without a machine. */
@Command(name = "gcode", mixinStandardHelpOptions = true,
        description = {"Translates a sketch file (JSON stroke-3, as written by 'plotter sample') or an SVG drawing",
                "to NAME.gcode for a firmware profile."})
final class GcodeCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "Sketch (.json) or drawing (.svg).")
    Path sketchFile;

    @Mixin
    PlotOptions plot;

    @Mixin
    PageOptions page;

    @Mixin
    OutputOptions output;

    @Mixin
    LayerOptions layers;

    @Override
    public Integer call() throws Exception {
        requireRegularFile(sketchFile); // before the framework starts: a typo is refused at once
        Session session = root.session();
        Placement placement = page.placement(session);
        FirmwareProfile profile = plot.profile(session);
        String name = output.baseName(FileNames.of(sketchFile));
        try (OutputFiles files = plot.preview ? output.reserveFor(sketchFile, name, "gcode", "preview.png") : output.reserveFor(sketchFile, name, "gcode")) {
            return translate(session, session.codecFor(sketchFile), placement, profile, name, files);
        }
    }

    private int translate(Session session, SketchCodec codec, Placement placement, FirmwareProfile profile, String name,
                          OutputFiles files) throws Exception {
        GcodeProgram program = session.translator().translateLayers(read(codec, sketchFile, layers.split), placement, profile);
        Path target = files.file(name, "gcode");
        files.stage(target, DrawCommand.gcodeFile(program));
        if (plot.preview) {
            Plotting.stagePreview(session.renderer(), program, placement.page(), profile, name, files);
        }
        files.commit();
        root.spec.commandLine().getOut().println(Summaries.plot(name, program.statistics()));
        root.spec.commandLine().getOut().println("wrote " + target);
        return 0;
    }

    /** An input file that is there and is a file; a typo is bad input, said at once. */
    static void requireRegularFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("file " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
    }

    /** A sketch or drawing file through its codec, in layers; what is wrong with it is bad input, named with the file. */
    static List<Layer> read(SketchCodec codec, Path file, Layer.Split split) {
        requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return codec.readLayers(in, split);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": " + OutputFiles.reason(e));
        }
    }
}
