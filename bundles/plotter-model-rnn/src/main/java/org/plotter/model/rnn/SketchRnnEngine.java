package org.plotter.model.rnn;

import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.ModelInfo;
import org.plotter.api.ModelLoadException;
import org.plotter.api.SketchModel;
import org.plotter.api.SketchModelFactory;

/** Registers the Sketch-RNN engine: loads magenta {@code .gen.json} decoder checkpoints. */
@Component(service = SketchModelFactory.class, property = SketchModelFactory.ENGINE + "=" + SketchRnnEngine.ENGINE)
public class SketchRnnEngine implements SketchModelFactory {
    static final String ENGINE = "sketch-rnn";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SketchRnnEngine.class);

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean canLoad(Path checkpoint) {
        return checkpoint.getFileName() != null && checkpoint.getFileName().toString().endsWith(MagentaCheckpoint.SUFFIX);
    }

    @Override
    public ModelInfo describe(Path checkpoint) throws ModelLoadException {
        return info(checkpoint, MagentaCheckpoint.readHeader(checkpoint));
    }

    @Override
    public SketchModel load(Path checkpoint) throws ModelLoadException {
        MagentaCheckpoint.Checkpoint loaded = MagentaCheckpoint.read(checkpoint);
        Kernels kernels = Kernels.best();
        LOG.debug("{}: {} kernels", checkpoint, kernels.name());
        return new SketchRnnModel(info(checkpoint, loaded.header()), loaded.weights(), kernels);
    }

    /** Magenta decoders are single-class: the class is the model's name. */
    private static ModelInfo info(Path checkpoint, MagentaCheckpoint.Header header) {
        return new ModelInfo(header.name(), ENGINE, List.of(header.name()), checkpoint.toString(), header.maxSeqLen());
    }
}
