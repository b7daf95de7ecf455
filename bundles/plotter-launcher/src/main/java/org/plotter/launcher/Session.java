package org.plotter.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.BundleException;
import org.plotter.api.ConnectionFactory;
import org.plotter.api.DrawingRenderer;
import org.plotter.api.FirmwareProfile;
import org.plotter.api.GcodeTranslator;
import org.plotter.api.ModelInfo;
import org.plotter.api.ModelLoadException;
import org.plotter.api.PlotterDriver;
import org.plotter.api.SketchCodec;
import org.plotter.api.SketchModel;
import org.plotter.api.SketchModelFactory;

/** A running framework plus the lookups the commands need, each failing with a message that says what is missing. */
final class Session implements AutoCloseable {
    /** How long to wait for Declarative Services to register a component after start. */
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(10);

    private final PlotterHome home;
    private final EmbeddedFramework framework;

    private Session(PlotterHome home, EmbeddedFramework framework) {
        this.home = home;
        this.framework = framework;
    }

    static Session open(PlotterHome home) throws IOException, BundleException {
        return new Session(home, EmbeddedFramework.start(home.bundleDir(), home.configDir()));
    }

    PlotterHome home() {
        return home;
    }

    EmbeddedFramework framework() {
        return framework;
    }

    /** A checkpoint: an explicit path, or the first checkpoint on the model path that draws {@code sketchClass}. */
    SketchModel loadModel(Path checkpoint, String sketchClass) throws InterruptedException, ModelLoadException {
        if (checkpoint == null) {
            if (sketchClass == null) {
                throw new UserInputException("say what to draw: --class NAME or --model FILE");
            }
            checkpoint = catalog().stream()
                    .filter(m -> m.info().draws(sketchClass))
                    .map(ModelCatalog.Entry::file).findFirst()
                    .orElseThrow(() -> new UserInputException("no model on the model path " + home.modelPath()
                            + " draws '" + sketchClass + "'; pass --model FILE (see 'plotter models list')"));
        }
        if (!Files.isRegularFile(checkpoint)) {
            throw new UserInputException("model file " + checkpoint + " does not exist");
        }
        return factoryFor(checkpoint).load(checkpoint);
    }

    SketchModelFactory factoryFor(Path checkpoint) throws InterruptedException {
        List<SketchModelFactory> engines = framework.all(SketchModelFactory.class, SERVICE_TIMEOUT);
        return engines.stream().filter(f -> f.canLoad(checkpoint)).findFirst()
                .orElseThrow(() -> new UserInputException("no model engine can load " + checkpoint + " (engines: "
                        + engines.stream().map(SketchModelFactory::engine).collect(Collectors.joining(", ")) + ")"));
    }

    List<ModelCatalog.Entry> catalog() throws InterruptedException {
        return ModelCatalog.scan(home.modelPath(), framework.all(SketchModelFactory.class, SERVICE_TIMEOUT));
    }

    FirmwareProfile profile(String nameOrFile) {
        Path file = nameOrFile.endsWith(".properties") ? Path.of(nameOrFile) : home.profilesDir().resolve(nameOrFile + ".properties");
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("unknown firmware profile '" + nameOrFile + "' (available: " + availableProfiles() + ")");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UserInputException("cannot read profile " + file + ": " + e.getMessage());
        }
        String id = file.getFileName().toString().replaceFirst("\\.properties$", "");
        return FirmwareProfile.parse(id, p);
    }

    private String availableProfiles() {
        try (Stream<Path> files = Files.list(home.profilesDir())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.replaceFirst("\\.properties$", "")).sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "none in " + home.profilesDir();
        }
    }

    GcodeTranslator translator() throws InterruptedException {
        return required(GcodeTranslator.class, null, "G-code translator");
    }

    DrawingRenderer renderer() throws InterruptedException {
        return required(DrawingRenderer.class, null, "renderer");
    }

    SketchCodec codec() throws InterruptedException {
        return required(SketchCodec.class, null, "sketch file codec");
    }

    ConnectionFactory connectionFor(String port) throws InterruptedException {
        List<ConnectionFactory> factories = framework.all(ConnectionFactory.class, SERVICE_TIMEOUT);
        return factories.stream().filter(f -> f.accepts(port)).findFirst()
                .orElseThrow(() -> new UserInputException("no driver bundle accepts port '" + port + "' (try sim:)"));
    }

    PlotterDriver driver(String protocol) throws InterruptedException {
        return required(PlotterDriver.class, "(" + PlotterDriver.PROTOCOL + "=" + protocol + ")", "driver for protocol '" + protocol + "'");
    }

    private <T> T required(Class<T> type, String filter, String what) throws InterruptedException {
        T service = framework.await(type, filter, SERVICE_TIMEOUT);
        if (service == null) {
            throw new IllegalStateException("no " + what + " is available: is its bundle installed and active? (see 'plotter bundles')");
        }
        return service;
    }

    @Override
    public void close() {
        framework.close();
    }

    /** Checkpoints found on the model path, described by the engine that can load them. */
    static final class ModelCatalog {
        record Entry(Path file, ModelInfo info) {}

        static List<Entry> scan(List<Path> dirs, List<SketchModelFactory> engines) {
            List<Entry> entries = new ArrayList<>();
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        for (SketchModelFactory engine : engines) {
                            if (engine.canLoad(file)) {
                                try {
                                    entries.add(new Entry(file, engine.describe(file)));
                                } catch (ModelLoadException e) {
                                    org.slf4j.LoggerFactory.getLogger(ModelCatalog.class).warn("skipping {}", e.getMessage());
                                }
                                break;
                            }
                        }
                    }
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(ModelCatalog.class).warn("cannot list {}: {}", dir, e.getMessage());
                }
            }
            return entries;
        }
    }
}
