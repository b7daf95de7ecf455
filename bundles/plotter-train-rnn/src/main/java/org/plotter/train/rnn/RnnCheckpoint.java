package org.plotter.train.rnn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.plotter.api.InvalidInputException;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.data.StrokeBatches;
import org.plotter.sketch.checkpoint.CheckpointFiles;
import org.plotter.sketch.checkpoint.CheckpointManifest;

/**
 * A Sketch-RNN training checkpoint: the common manifest and weights (every tensor of the
 * {@link ParameterSet}, named as there), plus {@value #OPTIMISER}, the Adam moments, for {@code --resume}.
 */
final class RnnCheckpoint {
    static final String ENGINE = "sketch-rnn";
    static final String OPTIMISER = "optimizer.bin";

    private RnnCheckpoint() {}

    /** Points of the sketch whose outputs the trace keeps. */
    static final int TRACE_POINTS = 16;

    /**
     * @param traced one sketch of class {@code tracedClass} (normalised) for the checkpoint's trace
     */
    static void write(Path dir, CheckpointManifest manifest, SketchRnnNetwork net, AdamOptimiser optimiser, Sketch traced, int tracedClass,
            TrainingCurves curves)
            throws IOException {
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (String name : net.parameters.shapes().keySet()) {
            tensors.put(name, net.parameters.value(name).dup('c').data().asFloat());
        }
        Map<String, Object> trace = trace(net, traced, tracedClass);
        CheckpointFiles.write(dir, manifest, tensors, into -> {
            CheckpointFiles.writeSynced(into.resolve(OPTIMISER), bytes(optimiser.state()));
            CheckpointFiles.writeJson(into.resolve(CheckpointFiles.TRACE), trace);
            curves.writeInto(into);
        });
    }

    /** The decoder's inputs and output layer, step by step, for the first points of one sketch. */
    static Map<String, Object> trace(SketchRnnNetwork net, Sketch sketch, int classIndex) {
        float[][] rows = sketch.toStroke3();
        Sketch head = Sketch.fromStroke3(java.util.Arrays.copyOf(rows, Math.min(rows.length, TRACE_POINTS)));
        StrokeBatches.Batch batch = StrokeBatches.batch(List.of(head), new int[] {classIndex});
        float[][][] traced = net.trace(batch);
        List<float[]> inputs = new ArrayList<>();
        for (int t = 0; t < batch.steps(); t++) {
            inputs.add(java.util.Arrays.copyOfRange(batch.inputs(), t * StrokeBatches.STROKE5, (t + 1) * StrokeBatches.STROKE5));
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("class", classIndex);
        trace.put("z", traced[0][0]);
        trace.put("inputs", inputs);
        trace.put("outputs", traced[1]);
        return trace;
    }

    static List<CheckpointManifest.Tensor> tensors(SketchRnnNetwork net) {
        List<CheckpointManifest.Tensor> list = new ArrayList<>();
        net.parameters.shapes().forEach((name, shape) -> list.add(new CheckpointManifest.Tensor(name, List.of((int) shape[0], (int) shape[1]))));
        return list;
    }

    static CheckpointManifest manifest(Path dir) {
        try {
            CheckpointManifest manifest = CheckpointFiles.readManifest(CheckpointFiles.recover(dir));
            if (!ENGINE.equals(manifest.engine())) {
                throw new InvalidInputException(dir + ": a " + manifest.engine() + " checkpoint, not " + ENGINE);
            }
            return manifest;
        } catch (IOException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** Loads the weights of {@code dir} into {@code net}, and the optimiser's state when asked. */
    static void load(Path dir, CheckpointManifest manifest, SketchRnnNetwork net, AdamOptimiser optimiser) throws IOException {
        Map<String, float[]> tensors = CheckpointFiles.readTensors(dir, manifest);
        for (var entry : net.parameters.shapes().entrySet()) {
            float[] values = tensors.get(entry.getKey());
            if (values == null) {
                throw new InvalidInputException(dir + ": the checkpoint has no tensor " + entry.getKey());
            }
            net.parameters.value(entry.getKey()).assign(Nd4j.create(values, entry.getValue(), 'c').castTo(net.parameters.values().dataType()));
        }
        if (optimiser != null) {
            Path file = dir.resolve(OPTIMISER);
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != 4 * optimiser.state().length()) {
                throw new IOException(file + ": " + bytes.length + " bytes, the optimiser needs " + 4 * optimiser.state().length());
            }
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            optimiser.state().assign(Nd4j.create(values).castTo(optimiser.state().dataType()));
        }
    }

    private static byte[] bytes(INDArray array) {
        float[] values = array.castTo(DataType.FLOAT).dup().data().asFloat();
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }
}
