package org.plotter.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.MachineSessions;

/**
 * {@code --dry-run}: the plan, then, where the firmware has a check mode (GRBL's {@code $C}), every line
 * through the machine's own parser with nothing moving. Nothing is written.
 */
final class DryRun {
    private DryRun() {}

    static int check(PlotterCommand root, GcodeProgram program, MachineOptions.Target target, String name) throws Exception {
        PrintWriter out = root.spec.commandLine().getOut();
        out.println(name + ": " + Summaries.plan(program));
        String port = target.port();
        boolean[] checkMode = {true};
        try (MachineSessions.Lease machine = root.session().machines().open(port, target.profileSource())) {
            PlotJob check = machine.session().start((connection, events) -> target.driver().startCheck(connection, program, target.profile(), events)
                    .orElseGet(() -> {
                        checkMode[0] = false;
                        return NOTHING_TO_CHECK;
                    }), event -> { });
            if (!checkMode[0]) {
                out.println("dry run: " + target.driver().protocol() + " has no check mode; nothing sent to " + port + ", nothing written");
                return 0;
            }
            JobResult result = check.await(target.timeout());
            if (!result.completed()) {
                check.cancel();
                root.spec.commandLine().getErr().println("plotter: dry run on " + port + ": the machine refused the program"
                        + result.failure().map(f -> ": " + f).orElse(" (" + result.outcome().name().toLowerCase() + ")"));
                return PlotterMain.FAILURE;
            }
            out.println("dry run: " + port + " checked all " + program.lines().size() + " lines in its check mode; nothing moved, nothing written");
            return 0;
        }
    }

    /** What the session runs for a driver without a check mode: nothing, done at once. */
    private static final PlotJob NOTHING_TO_CHECK = new PlotJob() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void cancel() {
        }

        @Override
        public JobResult await(Duration timeout) {
            return new JobResult(JobResult.Outcome.COMPLETED, 0, Optional.empty(), Duration.ZERO, Optional.of("untouched"));
        }
    };
}
