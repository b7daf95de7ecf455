package org.plotter.models;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelEntry;
import org.plotter.api.model.ModelLoadException;
import org.plotter.api.model.ModelRegistry;
import org.plotter.api.model.SketchModel;
import org.plotter.api.model.SketchModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry: every {@link SketchModelFactory} service, tracked as engine bundles come and go,
 * and the checkpoints in the directories of the model path (configuration {@code path}, else the
 * framework property {@value #PATH_PROPERTY} the launcher sets from {@code plotter.properties}).
 * A checkpoint's description is cached by file size and modification time, so listing is cheap and
 * a broken file is reported once per change, in the catalog, not as log noise on every run.
 */
@Component(service = ModelRegistry.class, configurationPid = CheckpointRegistry.PID)
@Designate(ocd = CheckpointRegistry.Config.class)
public class CheckpointRegistry implements ModelRegistry {
    static final String PID = "org.plotter.models";
    static final String PATH_PROPERTY = "plotter.models.path";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRegistry.class);

    @ObjectClassDefinition(name = "Model registry")
    public @interface Config {
        @AttributeDefinition(description = "Checkpoint directories separated by the platform's path separator; empty: the launcher's model path")
        String path() default "";
    }

    private record Described(long size, long modified, ModelEntry entry) {}

    private final List<SketchModelFactory> engines = new CopyOnWriteArrayList<>();
    private final Map<Path, Described> described = new ConcurrentHashMap<>();
    private volatile List<Path> modelPath = List.of();

    @Activate
    @Modified
    void activate(BundleContext context, Config config) {
        String path = config.path().isBlank() ? context.getProperty(PATH_PROPERTY) : config.path();
        setModelPath(path == null ? List.of() : Arrays.stream(path.split(File.pathSeparator))
                .filter(p -> !p.isBlank()).map(p -> Path.of(p.trim()).toAbsolutePath().normalize()).toList());
    }

    void setModelPath(List<Path> dirs) {
        modelPath = List.copyOf(dirs);
        described.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngine(SketchModelFactory engine) {
        engines.add(engine);
        described.clear();
    }

    void removeEngine(SketchModelFactory engine) {
        engines.remove(engine);
        described.clear();
    }

    @Override
    public List<String> engines() {
        return engines.stream().map(SketchModelFactory::engine).sorted().toList();
    }

    @Override
    public List<Path> modelPath() {
        return modelPath;
    }

    @Override
    public List<ModelEntry> catalog() {
        List<ModelEntry> entries = new ArrayList<>();
        for (Path dir : modelPath) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    describe(file).ifPresent(entries::add);
                }
            } catch (IOException e) {
                LOG.debug("cannot list model directory {}: {}", dir, e.getMessage());
            }
        }
        return entries;
    }

    private Optional<ModelEntry> describe(Path file) {
        // a checkpoint is a file, or a directory with a manifest; never open a FIFO or a device: it would block
        Path manifest = file.resolve(CheckpointFiles.MANIFEST);
        boolean directory = Files.isDirectory(file) && Files.isRegularFile(manifest);
        if (!Files.isRegularFile(file) && !directory) {
            return Optional.empty();
        }
        SketchModelFactory engine = engineFor(file);
        if (engine == null) {
            return Optional.empty();
        }
        long size, modified;
        try {
            BasicFileAttributes attributes = Files.readAttributes(directory ? manifest : file, BasicFileAttributes.class);
            size = attributes.size();
            modified = attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return Optional.of(ModelEntry.unusable(file, engine.engine(), "cannot read its attributes: " + e.getMessage()));
        }
        Described cached = described.get(file);
        if (cached != null && cached.size() == size && cached.modified() == modified) {
            return Optional.of(cached.entry());
        }
        ModelEntry entry;
        try {
            entry = ModelEntry.usable(file, engine.engine(), engine.describe(file));
        } catch (ModelLoadException e) {
            LOG.debug("unusable checkpoint: {}", e.getMessage());
            entry = ModelEntry.unusable(file, engine.engine(), reason(e, file));
        }
        described.put(file, new Described(size, modified, entry));
        return Optional.of(entry);
    }

    private SketchModelFactory engineFor(Path file) {
        for (SketchModelFactory engine : engines) {
            if (engine.canLoad(file)) {
                return engine;
            }
        }
        return null;
    }

    @Override
    public SketchModel load(Path checkpoint) throws ModelLoadException {
        Optional<String> problem = CheckpointFiles.problem(checkpoint);
        if (problem.isPresent()) {
            throw new ModelLoadException(checkpoint, problem.get());
        }
        SketchModelFactory engine = engineFor(checkpoint);
        if (engine == null) {
            throw new ModelLoadException(checkpoint, "no installed engine reads this file (engines: "
                    + (engines.isEmpty() ? "none" : String.join(", ", engines())) + ")");
        }
        return engine.load(checkpoint);
    }

    @Override
    public SketchModel loadForClass(String sketchClass) throws ModelLoadException {
        List<String> failures = new ArrayList<>();
        for (ModelEntry entry : catalog()) {
            if (entry.info().isEmpty() || !entry.info().get().draws(sketchClass)) {
                continue;
            }
            try {
                return load(entry.file());
            } catch (ModelLoadException e) {
                // a broken checkpoint must not shadow a good one further down the path
                LOG.debug("skipping {}", e.getMessage());
                Described old = described.get(entry.file());
                if (old != null) { // listed as unusable until the file changes
                    described.put(entry.file(), new Described(old.size(), old.modified(),
                            ModelEntry.unusable(entry.file(), entry.engine(), reason(e, entry.file()))));
                }
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new InvalidInputException("every checkpoint for '" + sketchClass + "' is unusable: " + String.join("; ", failures));
        }
        throw new InvalidInputException("no model on the model path " + modelPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))
                + " draws '" + sketchClass + "'; pass --model FILE (see 'plotter models list')");
    }

    /** The exception's message without the path it starts with. */
    private static String reason(ModelLoadException e, Path file) {
        String message = String.valueOf(e.getMessage());
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
