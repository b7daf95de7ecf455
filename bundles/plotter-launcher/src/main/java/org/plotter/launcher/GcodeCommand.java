package org.plotter.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plotter.api.FirmwareProfile;
import org.plotter.api.GcodeProgram;
import org.plotter.api.PageSpec;
import org.plotter.api.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A sketch file to a G-code file, without a machine. */
@Command(name = "gcode", mixinStandardHelpOptions = true,
        description = "Translates a sketch file (JSON stroke-3, as written by 'plotter sample') to NAME.gcode for a firmware profile.")
final class GcodeCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Parameters(index = "0", paramLabel = "SKETCH", description = "Sketch file (.json).")
    Path sketchFile;

    @Mixin
    PlotOptions plot;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PageSpec page = plot.pageSpec();
        if (!Files.isRegularFile(sketchFile)) {
            throw new UserInputException("sketch file " + sketchFile + " does not exist");
        }
        Session session = root.session();
        FirmwareProfile profile = session.profile(plot.profile);
        Sketch sketch;
        try (InputStream in = Files.newInputStream(sketchFile)) {
            sketch = session.codec().read(in);
        } catch (IOException e) {
            throw new UserInputException(sketchFile + ": " + e.getMessage());
        }
        GcodeProgram program = session.translator().translate(sketch, page, profile);
        String name = sketchFile.getFileName().toString().replaceFirst("\\.json$", "");
        OutputFiles files = new OutputFiles();
        Path target = output.file(name, "gcode");
        files.stage(target, DrawCommand.gcodeFile(program));
        files.commit();
        root.spec.commandLine().getOut().println(Summaries.plot(name, program.statistics()));
        root.spec.commandLine().getOut().println("wrote " + target);
        return 0;
    }
}
