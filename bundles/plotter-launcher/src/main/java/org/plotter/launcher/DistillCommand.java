package org.plotter.launcher;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.sketch.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plotter distill}: sketches sampled from a model, written as a Quick, Draw! {@code .ndjson}
 * data file, so a teacher model (a magenta decoder, say) can train a student with {@code plotter train}.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {"Samples N sketches from a model and writes them as a Quick, Draw! .ndjson data file (absolute points in",
                "the model's data units, one drawing per line, \"word\" = the class), for 'plotter train'. Sketch i uses seed --seed + i.",
                "A sketch that reaches the model's longest sequence without ending is left out (a student would learn never to",
                "end), unless --keep-unfinished: so the file holds N sketches or fewer, and says how many."})
final class DistillCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--n", required = true, paramLabel = "N", description = "How many sketches.")
    int count;

    @Option(names = "--out", required = true, paramLabel = "FILE.ndjson", description = "The data file to write (replaced whole when done).")
    Path out;

    @Option(names = "--keep-unfinished", description = "Keep sketches that reach the model's longest sequence without ending.")
    boolean keepUnfinished;

    @Override
    public Integer call() throws Exception {
        if (count <= 0) {
            throw new InvalidInputException("--n must be positive");
        }
        if (!out.getFileName().toString().endsWith(".ndjson")) {
            throw new InvalidInputException("--out must name a .ndjson file");
        }
        SketchModel model = root.session().loadModel(sampling.model, sampling.sketchClass);
        String word = sampling.sketchClass != null ? sampling.sketchClass : model.info().classes().get(0);
        long seed = sampling.seed();
        PrintWriter log = root.spec.commandLine().getOut();
        AtomicInteger done = new AtomicInteger();
        List<String> lines = IntStream.range(0, count).parallel().mapToObj(i -> {
            Sketch sketch = model.sample(SamplingRequest.of(sampling.sketchClass, sampling.temperature, seed + i));
            int n = done.incrementAndGet();
            if (n % Math.max(1, count / 10) == 0) {
                synchronized (log) {
                    log.printf("%d of %d sketches%n", n, count);
                    log.flush();
                }
            }
            return keepUnfinished || sketch.size() < model.info().maxSteps() ? line(word, seed + i, sketch) : null;
        }).filter(java.util.Objects::nonNull).toList();
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
        Files.write(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.printf(Locale.ROOT, "wrote %s: %d sketches of '%s' from %s at temperature %.2f (%d left out: no end within %d points)%n",
                out, lines.size(), word, model.info().source(), sampling.temperature, count - lines.size(), model.info().maxSteps());
        return 0;
    }

    /** One drawing: strokes of absolute points, each stroke's first point reached with the pen up (magenta's convention). */
    static String line(String word, long seed, Sketch sketch) {
        StringBuilder json = new StringBuilder("{\"word\":\"").append(word.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\",\"key_id\":\"distilled-").append(seed).append("\",\"recognized\":true,\"drawing\":[");
        double x = 0, y = 0;
        StringBuilder xs = new StringBuilder(), ys = new StringBuilder();
        boolean firstStroke = true;
        int points = 0;
        for (int i = 0; i < sketch.size(); i++) {
            x += sketch.dx(i);
            y += sketch.dy(i);
            xs.append(points == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", x));
            ys.append(points == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", y));
            points++;
            if (sketch.liftsAfter(i) || i == sketch.size() - 1) {
                json.append(firstStroke ? "" : ",").append("[[").append(xs).append("],[").append(ys).append("]]");
                firstStroke = false;
                xs.setLength(0);
                ys.setLength(0);
                points = 0;
            }
        }
        return json.append("]}").toString();
    }
}
