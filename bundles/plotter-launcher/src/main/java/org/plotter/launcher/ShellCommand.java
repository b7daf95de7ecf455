package org.plotter.launcher;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * A long-lived runtime: one framework for many commands, read one per line. Bundles dropped into (or
 * removed from) the drop-in directory take effect while it runs, and the engines use the kernels that
 * pay off over many sketches.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Runs plotter commands read one per line (e.g. 'draw --class dog', 'models list', 'bundles')",
                "in one long-lived runtime; 'exit' or end of input stops it. Bundles dropped into the drop-in",
                "directory (bundles.dropin in plotter.properties, default DIST/deploy) are installed while it runs."})
final class ShellCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Override
    public Integer call() throws Exception {
        root.longLived();
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        root.session(); // start now, so the first command does not pay for it
        boolean interactive = System.console() != null;
        while (true) {
            if (interactive) {
                out.print("plotter> ");
                out.flush();
            }
            String line = root.in().readLine();
            if (line == null || line.strip().equals("exit") || line.strip().equals("quit")) {
                return 0; // each command reported its own failure
            }
            List<String> args = words(line);
            if (args.isEmpty()) {
                continue;
            }
            if (args.get(0).equals("shell")) {
                err.println("plotter: already in the shell");
                continue;
            }
            CommandLine cli = PlotterMain.commandLine(root, out, err, root.verbose, org.slf4j.LoggerFactory.getLogger(ShellCommand.class));
            cli.execute(args.toArray(new String[0]));
            out.flush();
        }
    }

    /** Splits a line into words; double or single quotes keep spaces. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
            }
        }
        if (any || word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
