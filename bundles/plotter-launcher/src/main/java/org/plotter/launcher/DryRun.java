package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;

/**
 * {@code --dry-run}: the plan, then, where the firmware has a check mode (GRBL's {@code $C}), every line
 * through the machine's own parser with nothing moving. Nothing is written.
 */
final class DryRun {
    private DryRun() {}

    static int check(PlotterCommand root, GcodeProgram program, MachineOptions.Target target, String name) throws IOException, InterruptedException {
        PrintWriter out = root.spec.commandLine().getOut();
        out.println(name + ": " + Summaries.plan(program));
        String port = target.port();
        PlotterConnection connection;
        try {
            connection = target.ports().open(port, target.profile().protocol().portSettings());
        } catch (IOException e) {
            throw new IOException("cannot open port " + port + ": " + OutputFiles.reason(e), e);
        }
        try (connection) {
            Optional<PlotJob> check = target.driver().startCheck(connection, program, target.profile(), event -> { });
            if (check.isEmpty()) {
                out.println("dry run: " + target.driver().protocol() + " has no check mode; nothing sent to " + port + ", nothing written");
                return 0;
            }
            JobResult result = check.get().await(target.timeout());
            if (!result.completed()) {
                check.get().cancel();
                root.spec.commandLine().getErr().println("plotter: dry run on " + port + ": the machine refused the program"
                        + result.failure().map(f -> ": " + f).orElse(" (" + result.outcome().name().toLowerCase() + ")"));
                return PlotterMain.FAILURE;
            }
            out.println("dry run: " + port + " checked all " + program.lines().size() + " lines in its check mode; nothing moved, nothing written");
            return 0;
        }
    }
}
