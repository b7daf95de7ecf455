package org.plotter.model.rnn;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plotter.api.model.ModelInfo;
import org.plotter.api.model.ModelLoadException;
import org.plotter.api.model.SketchModel;
import org.plotter.api.model.SketchModelFactory;
import org.plotter.api.sketch.Sketch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Sketch-RNN engine: loads magenta {@code .gen.json} decoder checkpoints and checkpoint
 * directories trained by {@code plotter train} (class-conditional, with or without a latent). The engine
 * owns the kernels every model it loads runs on, and the one helper thread they share, which stops
 * when the engine is deactivated; loading a model starts no thread.
 *
 * <p>Kernels ({@code kernels} in configuration {@value #PID}): {@code auto} picks the Vector API
 * kernels only in a long-lived runtime (framework property {@value #RUNTIME} = {@code long-lived}:
 * a shell or kiosk sampling many sketches), because they run slowly until the JIT has compiled them
 * and a one-shot command is faster with the scalar kernels.
 */
@Component(service = SketchModelFactory.class, property = SketchModelFactory.ENGINE + "=" + SketchRnnEngine.ENGINE,
        configurationPid = SketchRnnEngine.PID)
@Designate(ocd = SketchRnnEngine.Config.class)
public class SketchRnnEngine implements SketchModelFactory {
    static final String ENGINE = "sketch-rnn";
    static final String PID = "org.plotter.model.rnn";
    /** Framework property: {@code one-shot} (a CLI command) or {@code long-lived} (shell, kiosk). */
    static final String RUNTIME = "plotter.runtime";
    static final String LONG_LIVED = "long-lived";
    private static final Logger LOG = LoggerFactory.getLogger(SketchRnnEngine.class);

    /** Which single-sketch kernels to run. */
    enum KernelChoice { AUTO, SCALAR, VECTOR }

    @ObjectClassDefinition(name = "Sketch-RNN engine")
    public @interface Config {
        @AttributeDefinition(description = "auto (vector kernels in a long-lived runtime), scalar or vector")
        String kernels() default "auto";
    }

    private SecondCore secondCore;
    private Kernels kernels = ScalarKernels.INSTANCE;

    @Activate
    void activate(BundleContext context, Config config) {
        KernelChoice choice;
        try {
            choice = KernelChoice.valueOf(config.kernels().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warn("unknown kernels '{}' in configuration {}; using auto", config.kernels(), PID);
            choice = KernelChoice.AUTO;
        }
        start(choice, LONG_LIVED.equals(context.getProperty(RUNTIME)));
    }

    /** An engine outside a framework (tests, benchmarks); {@link #deactivate} stops it. */
    static SketchRnnEngine standalone(KernelChoice choice) {
        SketchRnnEngine engine = new SketchRnnEngine();
        engine.start(choice, true);
        return engine;
    }

    private void start(KernelChoice choice, boolean longLived) {
        boolean vector = switch (choice) {
            case SCALAR -> false;
            case VECTOR -> true;
            case AUTO -> longLived;
        };
        if (vector && Kernels.vectorApiPresent()) {
            secondCore = SecondCore.available() ? new SecondCore("sketch-rnn second core") : null;
            kernels = Kernels.best(secondCore);
        } else {
            kernels = ScalarKernels.INSTANCE;
        }
        LOG.debug("sketch-rnn engine: {} kernels", kernels.name());
    }

    @Deactivate
    void deactivate() {
        if (secondCore != null) {
            secondCore.close();
            secondCore = null;
        }
    }

    Kernels kernels() {
        return kernels;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean canLoad(Path checkpoint) {
        return (checkpoint.getFileName() != null && checkpoint.getFileName().toString().endsWith(MagentaCheckpoint.SUFFIX))
                || TrainedCheckpoint.isCheckpoint(checkpoint);
    }

    @Override
    public ModelInfo describe(Path checkpoint) throws ModelLoadException {
        if (TrainedCheckpoint.isCheckpoint(checkpoint)) {
            return TrainedCheckpoint.info(checkpoint, TrainedCheckpoint.manifest(checkpoint));
        }
        return info(checkpoint, MagentaCheckpoint.readHeader(checkpoint));
    }

    @Override
    public SketchModel load(Path checkpoint) throws ModelLoadException {
        if (TrainedCheckpoint.isCheckpoint(checkpoint)) {
            TrainedCheckpoint.Weights weights = TrainedCheckpoint.read(checkpoint);
            ConditionedSketchRnnModel model = new ConditionedSketchRnnModel(TrainedCheckpoint.info(checkpoint, weights.manifest()), weights, kernels);
            TrainedCheckpoint.Trace trace = TrainedCheckpoint.trace(checkpoint);
            double deviation = trace == null ? 0 : model.traceDeviation(trace);
            if (deviation > TrainedCheckpoint.TRACE_TOLERANCE) {
                throw new ModelLoadException(checkpoint, String.format(java.util.Locale.ROOT,
                        "the sampler's outputs differ from the trainer's trace by %.2g (tolerance %.0g): weights and trace disagree",
                        deviation, TrainedCheckpoint.TRACE_TOLERANCE));
            }
            return model;
        }
        MagentaCheckpoint.Checkpoint loaded = MagentaCheckpoint.read(checkpoint);
        return new SketchRnnModel(info(checkpoint, loaded.header()), loaded.weights(), kernels);
    }

    /** Magenta decoders are single-class: the class is the model's name. */
    private static ModelInfo info(Path checkpoint, MagentaCheckpoint.Header header) {
        return new ModelInfo(header.name(), ENGINE, List.of(header.name()), checkpoint.toString(), header.maxSeqLen());
    }
}
