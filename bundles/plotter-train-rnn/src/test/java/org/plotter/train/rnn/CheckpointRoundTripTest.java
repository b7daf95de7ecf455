package org.plotter.train.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.InvalidInputException;
import org.plotter.api.model.ModelLoadException;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;
import org.plotter.api.model.TrainingListener;
import org.plotter.api.model.TrainingRequest;
import org.plotter.api.model.TrainingResult;
import org.plotter.api.sketch.Sketch;
import org.plotter.model.rnn.SketchRnnEngine;
import org.plotter.sketch.checkpoint.CheckpointFiles;

/** What training writes, the sampling engine loads: the trace agrees, samples repeat, resumed runs equal uninterrupted ones. */
class CheckpointRoundTripTest {
    static final Path SAMPLE = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "data/quickdraw-sample/data");
    static final Map<String, String> SMALL = Map.of("dec_rnn_size", "24", "enc_rnn_size", "16", "num_mixture", "3", "batch_size", "16",
            "class_embedding_size", "4", "max_seq_len", "120", "save_every", "3", "eval_every", "3");

    @TempDir
    Path dir;

    static List<Path> catsAndDogs() {
        Path cats = SAMPLE.resolve("cat.ndjson");
        if (!Files.exists(cats)) {
            System.err.println("SKIPPED: " + cats + " is absent");
        }
        assumeTrue(Files.exists(cats));
        return List.of(cats, SAMPLE.resolve("dog.ndjson"));
    }

    static TrainingResult train(Path out, Map<String, String> hparams, long steps, boolean resume) throws IOException {
        TrainingRequest request = new TrainingRequest(resume ? List.of() : catsAndDogs(), List.of(), resume ? Map.of() : hparams, steps,
                Duration.ZERO, out, resume, () -> false);
        return new SketchRnnTrainer().train(request, new TrainingListener() {});
    }

    @Test
    void aTrainedCheckpointSamplesTheSameSketchForASeedAfterLoading() throws Exception {
        // a decoder only, a VAE, a VAE whose decoder is a layer-normalised LSTM, a decoder-only HyperLSTM, a VAE HyperLSTM
        for (Map<String, String> variant : List.of(Map.of("z_size", "0"), Map.of("z_size", "6"), Map.of("z_size", "6", "dec_model", "layer_norm"),
                // a high learning rate takes the hyper network far from its start (no offsets, equal scales) in three steps
                Map.of("z_size", "0", "dec_model", "hyper", "hyper_num_units", "12", "hyper_embedding_size", "4", "learning_rate", "0.05"),
                Map.of("z_size", "6", "dec_model", "hyper", "hyper_num_units", "12", "hyper_embedding_size", "4", "learning_rate", "0.05"))) {
            Path out = dir.resolve(String.join("-", variant.values()));
            Map<String, String> hp = new java.util.HashMap<>(SMALL);
            hp.putAll(variant);
            String z = variant.get("z_size");
            train(out, hp, 3, false);
            assertTrue(Files.isRegularFile(out.resolve(CheckpointFiles.TRACE)));
            SketchRnnEngine engine = new SketchRnnEngine();
            assertTrue(engine.canLoad(out));
            SketchModel first = engine.load(out), second = engine.load(out); // each load checks the trace
            assertEquals(List.of("cat", "dog"), first.info().classes());
            int drawn = 0, differ = 0;
            for (long seed = 0; seed < 20; seed++) {
                SamplingRequest request = SamplingRequest.of("dog", 0.5, seed);
                Sketch a = first.sample(request);
                assertEquals(a, second.sample(request));
                drawn += a.size() > 0 ? 1 : 0;
                differ += a.equals(first.sample(SamplingRequest.of("cat", 0.5, seed))) ? 0 : 1;
            }
            assertTrue(drawn > 0, "an untrained model still draws a point now and then");
            assertTrue(differ > 0, "the class changes the sketch");
            // a row from cat to dog starts with the cat sample and (without a latent) ends with the dog of the same noise
            List<Sketch> row = first.interpolate(SamplingRequest.of("cat", 0.5, 3), SamplingRequest.of("dog", 0.5, 9), 4);
            assertEquals(4, row.size());
            assertEquals(first.sample(SamplingRequest.of("cat", 0.5, 3)), row.get(0));
            if (z.equals("0")) {
                assertEquals(first.sample(SamplingRequest.of("dog", 0.5, 3)), row.get(3));
            }
            encodingOf(first, second, !z.equals("0"));
            InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> first.sample(SamplingRequest.of("horse", 0.5, 1)));
            assertTrue(unknown.getMessage().contains("does not draw 'horse'"), unknown.getMessage());
        }
    }

    /** A VAE reconstructs and interpolates given sketches through its encoder; a decoder only says it cannot. */
    static void encodingOf(SketchModel first, SketchModel second, boolean variational) {
        Sketch square = Sketch.fromStroke3(new float[][] {{20, 0, 0}, {0, 20, 0}, {-20, 0, 0}, {0, -20, 1}});
        Sketch zigzag = Sketch.fromStroke3(new float[][] {{15, 15, 0}, {15, -15, 0}, {15, 15, 0}, {15, -15, 1}, {-60, 30, 0}, {10, 0, 1}});
        SamplingRequest request = SamplingRequest.of("cat", 0.5, 4);
        assertEquals(variational, first.encodes());
        if (!variational) {
            InvalidInputException none = assertThrows(InvalidInputException.class, () -> first.reconstruct(square, request));
            assertTrue(none.getMessage().contains("no encoder"), none.getMessage());
            return;
        }
        Sketch again = first.reconstruct(square, request);
        assertEquals(again, second.reconstruct(square, request), "a reconstruction is a function of the sketch and the request");
        assertTrue(!again.equals(first.reconstruct(zigzag, request)), "another sketch encodes to another latent");
        List<Sketch> between = first.interpolate(square, zigzag, request, 3);
        assertEquals(again, between.get(0));
        assertEquals(first.reconstruct(zigzag, request), between.get(2));
        float[][] long_ = new float[200][];
        java.util.Arrays.fill(long_, new float[] {1, 1, 0});
        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> first.reconstruct(Sketch.fromStroke3(long_), request));
        assertTrue(tooLong.getMessage().contains("200 points"), tooLong.getMessage());
    }

    @Test
    void weightsThatDisagreeWithTheTraceAreRefused() throws Exception {
        Path out = dir.resolve("tampered");
        Map<String, String> hp = new java.util.HashMap<>(SMALL);
        hp.put("z_size", "0");
        train(out, hp, 3, false);
        // the decoder's bias is the third tensor of its LSTM; nudging every weight by 0.5 must be noticed
        byte[] bytes = Files.readAllBytes(out.resolve(CheckpointFiles.WEIGHTS));
        ByteBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < bytes.length; i += 4) {
            floats.putFloat(i, floats.getFloat(i) + 0.5f);
        }
        Files.write(out.resolve(CheckpointFiles.WEIGHTS), bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new SketchRnnEngine().load(out));
        assertTrue(e.getMessage().contains("trace"), e.getMessage());
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        Map<String, String> hp = new java.util.HashMap<>(SMALL);
        hp.put("z_size", "4");
        Path whole = dir.resolve("whole"), parts = dir.resolve("parts");
        train(whole, hp, 6, false);
        train(parts, hp, 3, false);
        TrainingResult resumed = train(parts, hp, 6, true);
        assertEquals(6, resumed.steps());
        assertArrayEquals(Files.readAllBytes(whole.resolve(CheckpointFiles.WEIGHTS)), Files.readAllBytes(parts.resolve(CheckpointFiles.WEIGHTS)),
                "a resumed run takes exactly the steps an uninterrupted one takes");
        assertArrayEquals(Files.readAllBytes(whole.resolve(RnnCheckpoint.OPTIMISER)), Files.readAllBytes(parts.resolve(RnnCheckpoint.OPTIMISER)));
        // the curves carry on across the resume, and are drawn
        assertEquals(List.of(3L, 6L), TrainingCurves.read(parts).points().stream().map(TrainingCurves.Point::step).toList());
        assertEquals(TrainingCurves.read(whole).points(), TrainingCurves.read(parts).points());
        assertTrue(javax.imageio.ImageIO.read(parts.resolve(TrainingCurves.PICTURE).toFile()).getWidth() > 0);
    }
}
