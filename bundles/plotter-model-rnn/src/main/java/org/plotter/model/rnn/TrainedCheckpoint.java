package org.plotter.model.rnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.plotter.api.model.ModelInfo;
import org.plotter.api.model.ModelLoadException;
import org.plotter.sketch.checkpoint.CheckpointFiles;
import org.plotter.sketch.checkpoint.CheckpointManifest;

/**
 * Checkpoints trained by this project ({@code plotter train}): a directory with a manifest naming the
 * {@code sketch-rnn} engine and the tensors the trainer declares. Only what sampling needs is read:
 * the encoder's mean (a VAE's), the decoder (a plain or a layer-normalised LSTM), its initial-state layer,
 * the class embedding and the output layer.
 */
final class TrainedCheckpoint {
    static final String ENGINE = "sketch-rnn";

    /**
     * The sampling side of a trained model.
     *
     * @param decoderWx the decoder's input weights {@code [5 + z + embedding, 4H]}: stroke rows, then latent, then class
     * @param embedding class embedding {@code [classes, embedding]}, or null for one class
     * @param initW the initial-state layer {@code [z + embedding, 2H]} (c then h), or null without a latent
     * @param encoder the encoder, or null for a decoder only
     * @param hyper the HyperLSTM decoder cell, or null when the decoder is an LSTM (the {@code decoder…} arrays)
     */
    record Weights(CheckpointManifest manifest, SketchRnnHyperParameters shape, float[] outputW, float[] outputB, float[] decoderWx,
            float[] decoderWh, float[] decoderB, LayerNormWeights layerNorm, float[] embedding, int embeddingSize, int zSize, float[] initW,
            float[] initB, SketchRnnEncoder.Weights encoder, HyperLstmCell.Weights hyper) {
        /** The decoder with its stroke inputs only; the rest of its input is folded into a bias per sketch. */
        DecoderWeights strokeDecoder() {
            return new DecoderWeights(shape, outputW, outputB, Arrays.copyOf(decoderWx, SketchRnnHyperParameters.STROKE5 * shape.gateWidth()),
                    decoderWh, decoderB, layerNorm);
        }
    }

    /** The trainer's outputs for one sketch ({@link CheckpointFiles#TRACE}): decoder inputs from the start token on. */
    record Trace(int classIndex, float[] z, float[][] inputs, float[][] outputs) {}

    /**
     * How far a sampler may stray from the trainer's outputs (relative, or absolute below 1): float32
     * products summed in another order differ in the sixth digit; a wrong gate order or bias is off by O(1).
     */
    static final double TRACE_TOLERANCE = 1e-3;

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private TrainedCheckpoint() {}

    /** The checkpoint's trace, or null when it has none (written before traces were). */
    static Trace trace(Path dir) throws ModelLoadException {
        Path file = dir.resolve(CheckpointFiles.TRACE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            var root = MAPPER.readTree(file.toFile());
            return new Trace(root.path("class").asInt(), MAPPER.treeToValue(root.path("z"), float[].class),
                    MAPPER.treeToValue(root.path("inputs"), float[][].class), MAPPER.treeToValue(root.path("outputs"), float[][].class));
        } catch (IOException e) {
            throw new ModelLoadException(dir, "unreadable " + CheckpointFiles.TRACE + ": " + e.getMessage());
        }
    }

    static boolean isCheckpoint(Path path) {
        if (!Files.isDirectory(path) || !CheckpointFiles.isCheckpoint(path)) {
            return false;
        }
        try {
            return ENGINE.equals(CheckpointFiles.readManifest(path).engine());
        } catch (IOException e) {
            return true; // ours to load, and to report as unusable
        }
    }

    static CheckpointManifest manifest(Path dir) throws ModelLoadException {
        try {
            return CheckpointFiles.readManifest(dir);
        } catch (IOException e) {
            throw new ModelLoadException(dir, e.getMessage());
        }
    }

    static ModelInfo info(Path dir, CheckpointManifest manifest) {
        return new ModelInfo(manifest.name(), ENGINE, manifest.classes(), dir.toString(), manifest.maxSeqLen());
    }

    static Weights read(Path dir) throws ModelLoadException {
        CheckpointManifest manifest = manifest(dir);
        Map<String, float[]> t;
        try {
            t = CheckpointFiles.readTensors(dir, manifest);
        } catch (IOException e) {
            throw new ModelLoadException(dir, e.getMessage());
        }
        try {
            int units = shape(manifest, "decoder/Wh", 0);
            int outputs = shape(manifest, "output/W", 1);
            int mixtures = (outputs - SketchRnnHyperParameters.PEN_STATES) / SketchRnnHyperParameters.PARAMS_PER_MIXTURE;
            int embeddingSize = manifest.tensors().stream().anyMatch(x -> x.name().equals("class/embedding")) ? shape(manifest, "class/embedding", 1) : 0;
            int zSize = manifest.tensors().stream().anyMatch(x -> x.name().equals("decoder/init/W"))
                    ? shape(manifest, "decoder/init/W", 0) - embeddingSize : 0;
            SketchRnnHyperParameters shape = new SketchRnnHyperParameters(SketchRnnHyperParameters.STROKE5, units, mixtures,
                    manifest.maxSeqLen(), manifest.scaleFactor());
            LayerNormWeights layerNorm = t.containsKey("decoder/ln/gamma") ? layerNorm(dir, t, "decoder") : null;
            // a layer-normalised cell has no gate bias before its normalisation
            float[] decoderB = layerNorm == null ? need(dir, t, "decoder/b") : new float[shape.gateWidth()];
            return new Weights(manifest, shape, need(dir, t, "output/W"), need(dir, t, "output/b"), need(dir, t, "decoder/Wx"),
                    need(dir, t, "decoder/Wh"), decoderB, layerNorm, t.get("class/embedding"), embeddingSize, zSize,
                    t.get("decoder/init/W"), t.get("decoder/init/b"), encoder(dir, manifest, t), hyper(dir, manifest, t, embeddingSize + zSize));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(dir, "inconsistent checkpoint: " + e.getMessage());
        }
    }

    private static HyperLstmCell.Weights hyper(Path dir, CheckpointManifest manifest, Map<String, float[]> t, int staticInputs)
            throws ModelLoadException {
        if (!t.containsKey("decoder/hyper/zw/W")) {
            return null;
        }
        return new HyperLstmCell.Weights(SketchRnnHyperParameters.STROKE5, staticInputs, shape(manifest, "decoder/Wh", 0),
                shape(manifest, "decoder/hyper/Wh", 0), shape(manifest, "decoder/hyper/zb/W", 1) / SketchRnnHyperParameters.GATES,
                need(dir, t, "decoder/Wx"), need(dir, t, "decoder/Wh"), need(dir, t, "decoder/b"), layerNorm(dir, t, "decoder"),
                need(dir, t, "decoder/hyper/Wx"), need(dir, t, "decoder/hyper/Wh"), layerNorm(dir, t, "decoder/hyper"),
                need(dir, t, "decoder/hyper/zw/W"), need(dir, t, "decoder/hyper/zw/b"), need(dir, t, "decoder/hyper/alpha"),
                need(dir, t, "decoder/hyper/zb/W"), need(dir, t, "decoder/hyper/beta"));
    }

    private static LayerNormWeights layerNorm(Path dir, Map<String, float[]> t, String prefix) throws ModelLoadException {
        return new LayerNormWeights(need(dir, t, prefix + "/ln/gamma"), need(dir, t, prefix + "/ln/beta"), need(dir, t, prefix + "/ln_c/gamma"),
                need(dir, t, prefix + "/ln_c/beta"));
    }

    private static SketchRnnEncoder.Weights encoder(Path dir, CheckpointManifest manifest, Map<String, float[]> t) throws ModelLoadException {
        if (!t.containsKey("encoder/forward/Wx")) {
            return null;
        }
        return new SketchRnnEncoder.Weights(shape(manifest, "encoder/forward/Wh", 0), shape(manifest, "encoder/mu/W", 1),
                need(dir, t, "encoder/forward/Wx"), need(dir, t, "encoder/forward/Wh"), need(dir, t, "encoder/forward/b"),
                need(dir, t, "encoder/backward/Wx"), need(dir, t, "encoder/backward/Wh"), need(dir, t, "encoder/backward/b"),
                need(dir, t, "encoder/mu/W"), need(dir, t, "encoder/mu/b"));
    }

    private static int shape(CheckpointManifest manifest, String tensor, int axis) {
        return manifest.tensors().stream().filter(x -> x.name().equals(tensor)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tensor " + tensor)).shape().get(axis);
    }

    private static float[] need(Path dir, Map<String, float[]> tensors, String name) throws ModelLoadException {
        float[] values = tensors.get(name);
        if (values == null) {
            throw new ModelLoadException(dir, "the checkpoint has no tensor " + name);
        }
        return values;
    }
}
