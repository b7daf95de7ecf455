package org.plotter.launcher;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.ProfileRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The firmware profiles: what machines plotter knows how to drive. */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "Firmware profiles (firmware-profiles/, fields in its README.md).",
        subcommands = {ProfilesCommand.ListCommand.class, ProfilesCommand.ShowCommand.class})
final class ProfilesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    PlotterCommand root;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the installed profiles with their descriptions.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        ProfilesCommand profiles;

        @Override
        public Integer call() throws Exception {
            ProfileRegistry registry = profiles.root.session().profiles();
            PrintWriter out = profiles.spec.commandLine().getOut();
            for (String name : registry.names()) {
                String description;
                try {
                    description = registry.profile(name).description();
                } catch (IllegalArgumentException broken) {
                    description = "unusable: " + broken.getMessage();
                }
                out.printf("  %-14s %s%n", name, description);
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows every field of a profile, as plotter reads it.")
    static final class ShowCommand implements Callable<Integer> {
        @ParentCommand
        ProfilesCommand profiles;

        @Parameters(index = "0", paramLabel = "NAME|FILE", description = "An installed profile's name or a .properties file.")
        String name;

        @Override
        public Integer call() throws Exception {
            FirmwareProfile p = profiles.root.session().profiles().profile(name);
            PrintWriter out = profiles.spec.commandLine().getOut();
            FirmwareProfile.WorkArea area = p.workArea();
            out.printf(Locale.ROOT, "%s: %s%n", p.id(), p.description());
            out.printf(Locale.ROOT, "  protocol     %s, receive buffer %d bytes%s%n", p.protocol().name(), p.protocol().rxBufferBytes(),
                    p.protocol().settings().isEmpty() ? "" : ", " + p.protocol().settings());
            out.printf(Locale.ROOT, "  work area    %.0f x %.0f mm, origin %s%s%n", area.width(), area.height(),
                    area.origin().name().toLowerCase(Locale.ROOT).replace('_', '-'), area.swapAxes() ? ", axes swapped" : "");
            out.printf(Locale.ROOT, "  pen          up %s, down %s, then wait %d ms%n", p.pen().up(), p.pen().down(), p.pen().delay().toMillis());
            out.printf(Locale.ROOT, "  motion       draw %.0f mm/min, travel %.0f mm/min, acceleration %.0f mm/s², junction deviation %.3f mm%n",
                    p.motion().drawFeed(), p.motion().travelFeed(), p.motion().acceleration(), p.motion().junctionDeviation());
            out.printf(Locale.ROOT, "  G-code       %s, dwell P in %s, start %s, end %s%n",
                    p.dialect().lengthUnit().name().toLowerCase(Locale.ROOT), p.dialect().dwellUnit().name().toLowerCase(Locale.ROOT),
                    p.dialect().programStart(), p.dialect().programEnd());
            return 0;
        }
    }
}
