package org.plotter.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.BundleException;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.GcodeTranslator;
import org.plotter.api.gcode.PageCatalog;
import org.plotter.api.gcode.PlotPlanner;
import org.plotter.api.gcode.ProgramReader;
import org.plotter.api.gcode.ProfileRegistry;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.JobJournals;
import org.plotter.api.machine.MachineSessions;
import org.plotter.api.machine.PlotterDriver;
import org.plotter.api.model.ModelLoadException;
import org.plotter.api.model.ModelRegistry;
import org.plotter.api.model.SketchModel;
import org.plotter.api.model.SketchModelFactory;
import org.plotter.api.model.SketchTrainer;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.sketch.Sketch;
import org.plotter.api.sketch.SketchCodec;

/**
 * A running framework and the services the commands use, held until the session closes. Domain logic
 * (which checkpoint draws a class, what a profile says) lives in the bundles' components; this class
 * only finds them and says clearly what is missing.
 */
final class Session implements AutoCloseable {
    /** Components register while their bundles start; this only covers a bundle still being installed. */
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(5);

    private final EmbeddedFramework framework;
    private final TrackedServices services;

    private Session(EmbeddedFramework framework) {
        this.framework = framework;
        this.services = new TrackedServices(framework.context());
    }

    static Session open(PlotterHome home, boolean longLived) throws IOException, BundleException {
        return new Session(EmbeddedFramework.start(home.bundleDir(), home.configDir(), home.dropInDir(),
                home.sharedPackages(), home.frameworkProperties(longLived)));
    }

    EmbeddedFramework framework() {
        return framework;
    }

    /** A checkpoint: an explicit path, or the first usable checkpoint on the model path that draws {@code sketchClass}. */
    SketchModel loadModel(Path checkpoint, String sketchClass) throws InterruptedException, ModelLoadException {
        if (checkpoint != null) {
            return models().load(checkpoint);
        }
        if (sketchClass == null || sketchClass.isBlank()) {
            throw new InvalidInputException("say what to draw: --class NAME or --model FILE");
        }
        return models().loadForClass(sketchClass);
    }

    ModelRegistry models() throws InterruptedException {
        return required(ModelRegistry.class, null, "model registry");
    }

    /** The trainer of {@code engine}: training code lives in its own bundle, apart from the engines that only sample. */
    SketchTrainer trainer(String engine) throws InterruptedException {
        return services.find(SketchTrainer.class, "(" + SketchModelFactory.ENGINE + "=" + engine + ")", SERVICE_TIMEOUT)
                .orElseThrow(() -> new InvalidInputException("no trainer for engine '" + engine + "' is installed (see 'plotter bundles')"));
    }

    ProfileRegistry profiles() throws InterruptedException {
        return required(ProfileRegistry.class, null, "firmware profile registry");
    }

    PageCatalog pages() throws InterruptedException {
        return required(PageCatalog.class, null, "paper size catalogue");
    }

    PlotPlanner planner() throws InterruptedException {
        return required(PlotPlanner.class, null, "plot planner");
    }

    GcodeTranslator translator() throws InterruptedException {
        return required(GcodeTranslator.class, null, "G-code translator");
    }

    ProgramReader programReader() throws InterruptedException {
        return required(ProgramReader.class, null, "G-code file reader");
    }

    JobJournals journals() throws InterruptedException {
        return required(JobJournals.class, null, "job journals");
    }

    MachineSessions machines() throws InterruptedException {
        return required(MachineSessions.class, null, "machine sessions");
    }

    DrawingRenderer renderer() throws InterruptedException {
        return required(DrawingRenderer.class, null, "renderer");
    }

    /** The codec that writes sketch files (JSON stroke-3). */
    SketchCodec codec() throws InterruptedException {
        return required(SketchCodec.class, "(" + SketchCodec.FORMAT + "=stroke-3-json)", "sketch file codec");
    }

    /** The codec that reads {@code file}, by its extension: {@code .json} sketches, {@code .svg} drawings, {@code .ndjson} Quick, Draw! lines. */
    SketchCodec codecFor(Path file) throws InterruptedException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String format = name.endsWith(".svg") ? "svg" : name.endsWith(".json") ? "stroke-3-json" : name.endsWith(".ndjson") ? "quickdraw-ndjson" : null;
        if (format == null) {
            throw new InvalidInputException("cannot read " + file + ": use a sketch (.json), an SVG drawing (.svg) or a Quick, Draw! file (.ndjson)");
        }
        return required(SketchCodec.class, "(" + SketchCodec.FORMAT + "=" + format + ")", format + " reader");
    }

    /** The sketch in {@code file} (a sketch .json, an SVG drawing or a Quick, Draw! .ndjson line); missing or empty is refused in one line. */
    Sketch readSketch(Path file) throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("cannot read " + file + ": no such file");
        }
        Sketch sketch;
        try (InputStream in = Files.newInputStream(file)) {
            sketch = codecFor(file).read(in);
        }
        if (sketch.size() == 0) {
            throw new InvalidInputException(file + " holds no points");
        }
        return sketch;
    }

    ConnectionFactory connectionFor(String port) {
        return services.all(ConnectionFactory.class).stream().filter(f -> f.accepts(port)).findFirst()
                .orElseThrow(() -> new InvalidInputException("no installed driver accepts port '" + port + "' (try sim:)"));
    }

    /** Every connection factory: the simulator, serial ports, ... */
    List<ConnectionFactory> connectionFactories() {
        return services.all(ConnectionFactory.class);
    }

    /** Every installed protocol driver. */
    List<PlotterDriver> drivers() {
        return services.all(PlotterDriver.class);
    }

    /** The driver for a protocol, at once: a profile naming a protocol nothing speaks is bad input. */
    PlotterDriver driver(String protocol) {
        List<PlotterDriver> drivers = services.all(PlotterDriver.class);
        return drivers.stream().filter(d -> protocol.equals(d.protocol())).findFirst()
                .orElseThrow(() -> new InvalidInputException("no installed driver speaks protocol '" + protocol + "' (installed: "
                        + (drivers.isEmpty() ? "none" : drivers.stream().map(PlotterDriver::protocol).sorted().collect(Collectors.joining(", "))) + ")"));
    }

    private <T> T required(Class<T> type, String filter, String what) throws InterruptedException {
        return services.find(type, filter, SERVICE_TIMEOUT).orElseThrow(() -> new IllegalStateException(
                "no " + what + " is available: is its bundle installed and active? (see 'plotter bundles')"));
    }

    @Override
    public void close() {
        services.close();
        framework.close();
    }
}
