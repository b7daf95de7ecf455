package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plotter train, eval and distill through the real framework: what they make, and one line for every bad input. */
class TrainCliTest {
    static final String TINY = "z_size=0,dec_rnn_size=16,num_mixture=3,batch_size=8,class_embedding_size=4,eval_every=2,save_every=2";

    @TempDir
    Path dir;

    @BeforeAll
    static void privateConfig() {
        TestHome.config();
    }

    static Path sample(String name) {
        Path file = Path.of(System.getProperty("plotter.shared.dir", "../../../shared"), "data/quickdraw-sample/data", name + ".ndjson");
        if (!Files.exists(file)) {
            System.err.println("SKIPPED: " + file + " is absent");
        }
        Assumptions.assumeTrue(Files.exists(file));
        return file;
    }

    @Test
    void trainThenDrawThenEvaluate() throws Exception {
        String cats = sample("cat").toString(), dogs = sample("dog").toString();
        Path model = dir.resolve("pets");
        PlotterCliTest.Run train = PlotterCliTest.plotter("train", "--data", cats, dogs, "--hparams", TINY, "--steps", "3", "--out", model.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("2 classes (cat, dog)") && train.out().contains("held-out loss cat"), train.out());
        assertTrue(Files.isRegularFile(model.resolve("manifest.json")));

        PlotterCliTest.Run resumed = PlotterCliTest.plotter("train", "--resume", "--out", model.toString(), "--steps", "4");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 3") && resumed.out().contains(": 4 steps"), resumed.out());

        PlotterCliTest.Run draw = PlotterCliTest.plotter("sample", "--model", model.toString(), "--class", "cat", "--seed", "5", "--out", dir.resolve("out").toString());
        assertEquals(0, draw.exit(), draw.err());

        PlotterCliTest.Run eval = PlotterCliTest.plotter("eval", "--model", model.toString(), "--data", cats, dogs);
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("on 4 test sketches") && eval.out().contains("L_R"), eval.out());

        PlotterCliTest.Run distill = PlotterCliTest.plotter("distill", "--model", model.toString(), "--class", "dog", "--n", "12", "--out",
                dir.resolve("dogs.ndjson").toString());
        assertEquals(0, distill.exit(), distill.err());
        assertEquals(12, Files.readAllLines(dir.resolve("dogs.ndjson")).size());
        assertTrue(Files.readAllLines(dir.resolve("dogs.ndjson")).get(0).startsWith("{\"word\":\"dog\""));
    }

    @Test
    void aVaeReconstructsAndInterpolatesGivenDrawings() throws Exception {
        String cats = sample("cat").toString(), dogs = sample("dog").toString();
        Path model = dir.resolve("vae");
        PlotterCliTest.Run train = PlotterCliTest.plotter("train", "--data", cats, dogs, "--hparams", TINY.replace("z_size=0", "z_size=4,enc_rnn_size=8"),
                "--steps", "2", "--out", model.toString());
        assertEquals(0, train.exit(), train.err());
        Path square = Files.writeString(dir.resolve("square.json"),
                "{\"format\":\"stroke-3\",\"points\":[[20,0,0],[0,20,0],[-20,0,0],[0,-20,1]]}");
        Path zigzag = Files.writeString(dir.resolve("zigzag.json"),
                "{\"format\":\"stroke-3\",\"points\":[[15,15,0],[15,-15,0],[15,15,0],[15,-15,1]]}");
        Path out = dir.resolve("out");
        PlotterCliTest.Run again = PlotterCliTest.plotter("reconstruct", "--model", model.toString(), "--class", "cat", "--input", square.toString(),
                "--n", "2", "--name", "again", "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(Files.size(out.resolve("again.svg")) > 0 && Files.size(out.resolve("again.png")) > 0);
        // a model trained for two steps often ends a sketch at once: some seeds draw nothing in any cell, which is refused
        PlotterCliTest.Run between = null;
        for (int seed = 1; seed <= 10 && (between == null || between.exit() != 0); seed++) {
            between = PlotterCliTest.plotter("interpolate", "--model", model.toString(), "--class", "dog", "--from-sketch", square.toString(),
                    "--to-sketch", zigzag.toString(), "--n", "3", "--seed", String.valueOf(seed), "--name", "between", "--out", out.toString());
            assertTrue(between.exit() == 0 || between.err().contains("none of the 3 sketches has a stroke"), between.err());
        }
        assertEquals(0, between.exit(), between.err());
        assertTrue(Files.size(out.resolve("between.svg")) > 0);

        String[][] refused = {
            {"has no encoder", "reconstruct", "--model", PlotterCliTest.dogModel().toString(), "--input", square.toString()},
            {"no such file", "reconstruct", "--model", model.toString(), "--class", "cat", "--input", dir.resolve("none.json").toString()},
            {"go together", "interpolate", "--model", model.toString(), "--class", "cat", "--from-sketch", square.toString()},
        };
        for (String[] c : refused) {
            PlotterCliTest.Run run = PlotterCliTest.plotter(Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().startsWith("plotter: ") && run.err().contains(c[0]) && run.err().lines().count() == 1, run.err());
        }
    }

    @Test
    void everyBadInputIsOneLineAndExitTwo() throws Exception {
        String cats = sample("cat").toString();
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Path corrupt = Files.write(dir.resolve("corrupt.npz"), new byte[] {'P', 'K', 3, 4, 1, 2});
        Path notCheckpoint = Files.createDirectories(dir.resolve("empty"));
        String out = dir.resolve("new").toString();
        String[][] cases = {
            {"no such file", "train", "--data", dir.resolve("missing.npz").toString(), "--steps", "1", "--out", out},
            {"corrupt.npz", "train", "--data", corrupt.toString(), "--steps", "1", "--out", out},
            {"unknown data format", "train", "--data", dir.toString() + "/x.txt", "--steps", "1", "--out", out},
            {"no data for class 'horse'", "train", "--data", cats, "--classes", "horse", "--steps", "1", "--out", out},
            {"no CUDA device", "train", "--data", cats, "--device", "gpu", "--steps", "1", "--out", out},
            {"give a budget", "train", "--data", cats, "--out", out},
            {"unknown hyper-parameter 'foo'", "train", "--data", cats, "--hparams", "foo=1", "--steps", "1", "--out", out},
            {"dec_model=gru is not available", "train", "--data", cats, "--hparams", "dec_model=gru", "--steps", "1", "--out", out},
            {"must be a whole number", "train", "--data", cats, "--hparams", "batch_size=2.5", "--steps", "1", "--out", out},
            {"exists: --resume continues it", "train", "--data", cats, "--steps", "1", "--out", existing.toString()},
            {"nothing to resume", "train", "--resume", "--steps", "1", "--out", dir.resolve("none").toString()},
            {"not a checkpoint", "train", "--resume", "--steps", "1", "--out", notCheckpoint.toString()},
            {"without a manifest.json", "eval", "--model", notCheckpoint.toString(), "--data", cats},
            {"--n must be positive", "distill", "--model", PlotterCliTest.dogModel().toString(), "--n", "0", "--out", dir.resolve("d.ndjson").toString()},
        };
        for (String[] c : cases) {
            String[] args = Arrays.copyOfRange(c, 1, c.length);
            PlotterCliTest.Run run = PlotterCliTest.plotter(args);
            assertEquals(2, run.exit(), String.join(" ", args) + " -> " + run.err());
            assertEquals(1, run.err().lines().count(), "one line: " + run.err());
            assertTrue(run.err().startsWith("plotter: ") && run.err().contains(c[0]), "expected '" + c[0] + "' in: " + run.err());
        }
        assertFalse(Files.exists(Path.of(out)), "no checkpoint from a refused run");
    }
}
