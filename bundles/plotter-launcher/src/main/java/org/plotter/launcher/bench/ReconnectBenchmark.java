package org.plotter.launcher.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.plotter.driver.sim.VirtualDevice;

/**
 * How long a pulled cable costs: {@code plotter stream} (the real command, its own process) plots on the
 * simulated GRBL behind a pseudo-terminal; two seconds into the drawing the port disappears for a second, as a
 * pulled USB cable does. Prints, per run, how long until the command noticed, how long from the cable going
 * back in until the machine drew again, and the whole outage as the plot felt it (the FaultMatrixIT checks that
 * nothing is lost or drawn twice). Asserts nothing. Run by
 * {@code tools/bench-stream}.
 */
public final class ReconnectBenchmark {
    private static final long UNPLUGGED_MILLIS = 1000;
    private static final int RUNS = 3;

    private ReconnectBenchmark() {}

    /** {@code ReconnectBenchmark PLOTTER-COMMAND PROGRAM.gcode [sim:speed=N]}. */
    public static void main(String[] args) throws Exception {
        Path plotter = Path.of(args[0]), program = Path.of(args[1]);
        String sim = args.length > 2 ? args[2] : "sim:speed=1";
        System.out.printf(Locale.ROOT, "reconnect and resume (%s, cable out for %d ms two seconds into the drawing):%n", sim, UNPLUGGED_MILLIS);
        System.out.printf(Locale.ROOT, "%-5s %14s %18s %14s %s%n", "run", "noticed s", "replug->drawing s", "outage s", "completed");
        for (int run = 1; run <= RUNS; run++) {
            run(run, plotter, program, sim);
        }
    }

    private static void run(int run, Path plotter, Path program, String sim) throws Exception {
        Path dir = Files.createTempDirectory("bench-reconnect");
        Path tty = dir.resolve("ttyBENCH");
        try (VirtualDevice device = VirtualDevice.onPseudoTerminal(tty, sim)) {
            List<String> command = new ArrayList<>(List.of(plotter.toString(), "stream", program.toString(), "--port", tty.toString(),
                    "--yes", "--reconnect-for", "1m", "--out", dir.resolve("out").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PLOTTER_JAVA_OPTS", "-Dplotter.jobs=" + dir.resolve("jobs"));
            Process stream = builder.start();
            long[] noticed = {0};
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.contains("reconnecting to") && noticed[0] == 0) {
                            noticed[0] = System.nanoTime();
                        }
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            }, "bench-output");
            reader.start();
            // the machine draws for a couple of seconds, then the cable is pulled
            while (drawn(device) < 1 && stream.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(2000);
            double before = drawn(device);
            long unplugged = System.nanoTime();
            device.unplug();
            Thread.sleep(UNPLUGGED_MILLIS);
            double atReplug = drawn(device);
            device.replug();
            long replugged = System.nanoTime();
            while (drawn(device) <= atReplug + 0.01 && stream.isAlive()) {
                Thread.sleep(5);
            }
            long drawingAgain = System.nanoTime();
            boolean done = stream.waitFor(30, TimeUnit.MINUTES);
            reader.join(5000);
            double total = drawn(device);
            System.out.printf(Locale.ROOT, "%-5d %14.2f %18.2f %14.2f %s (exit %s, %.1f mm drawn, %.1f before the cable was pulled)%n", run,
                    noticed[0] == 0 ? Double.NaN : (noticed[0] - unplugged) / 1e9, (drawingAgain - replugged) / 1e9,
                    (drawingAgain - unplugged) / 1e9, done && stream.exitValue() == 0 ? "yes" : "NO", done ? stream.exitValue() : "-", total, before);
        }
    }

    private static double drawn(VirtualDevice device) {
        return device.machine().executionRecord().orElseThrow().motion().drawLength();
    }
}
