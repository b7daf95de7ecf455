package org.plotter.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.PageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A G-code file made elsewhere, streamed as plotter streams its own. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Streams an existing G-code file (from vpype, Inkscape, another sender) to the machine, line by line as",
                "the file has them, with the same checks, estimate, progress, pauses and safe stop as 'plot'. Keeps NAME.svg",
                "(what the program draws, by the profile's pen commands), NAME.png (what the pen drew) and NAME.log if it did",
                "not complete."})
final class StreamCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "G-code file (.gcode, .nc, .ngc, ...).")
    Path file;

    @Option(names = {"-f", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "grbl-servo",
            description = "Firmware profile: the machine's work area, buffer and pen commands (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--preview", description = "Also write NAME.preview.png: the program's path on the machine's bed.")
    boolean preview;

    @Mixin
    OutputOptions output;

    @Mixin
    MachineOptions machine;

    @Override
    public Integer call() throws Exception {
        List<String> lines = read(file);
        Session session = root.session();
        FirmwareProfile resolved = session.profiles().profile(profile);
        GcodeProgram program = session.programReader().read(lines, resolved);
        MachineOptions.Target target = machine.target(session, resolved, profile);
        String name = output.baseName(FileNames.of(file));
        FirmwareProfile.WorkArea area = resolved.workArea();
        // the program is in machine coordinates: its "page" is the whole bed, as the page lies
        PageSpec bed = new PageSpec("work area", area.pageWidthLimit(), area.pageHeightLimit(), 0);
        try (OutputFiles files = output.reserveFor(file, name, Plotting.outputs(preview))) {
            return Plotting.plotAndKeep(root, session, program, bed, preview, target, name, files);
        }
    }

    /** The file's lines without line ends; a file that is not text, or empty, is bad input. */
    static List<String> read(Path file) {
        GcodeCommand.requireRegularFile(file);
        List<String> lines;
        try {
            // ISO-8859-1 reads any bytes: what is not ASCII is then refused with its line number
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": " + OutputFiles.reason(e));
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\u00ef\u00bb\u00bf")) {
            lines.set(0, lines.get(0).substring(3)); // a UTF-8 byte order mark
        }
        if (lines.stream().allMatch(String::isBlank)) {
            throw new InvalidInputException(file + " has no G-code in it");
        }
        return lines;
    }
}
