package org.plotter.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.osgi.framework.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The OSGi bundles of the runtime and their states. */
@Command(name = "bundles", mixinStandardHelpOptions = true, description = "Lists the runtime's bundles and their states.")
final class BundlesCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = root.spec.commandLine().getOut();
        int inactive = 0;
        for (Bundle b : root.session().framework().bundles()) {
            String state = state(b.getState());
            out.printf("%3d  %-9s %-40s %s%n", b.getBundleId(), state, b.getSymbolicName(), b.getVersion());
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                inactive++;
            }
        }
        return inactive == 0 ? 0 : PlotterMain.FAILURE;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
