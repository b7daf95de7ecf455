package org.plotter.model.rnn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/** Writes small random decoders in magenta's .gen.json format, for tests that load models many times. */
final class TinyCheckpoints {
    private TinyCheckpoints() {}

    static Path write(Path dir, String name, int units, int mixtures, long seed) throws IOException {
        int inputs = SketchRnnHyperParameters.STROKE5, gates = 4 * units, outputs = 3 + 6 * mixtures;
        SplittableRandom random = new SplittableRandom(seed);
        String json = String.format(Locale.ROOT,
                "[{\"name\":\"%s\",\"max_seq_len\":40,\"scale_factor\":20.0},[[%d,%d],[%d],[%d,%d],[%d,%d],[%d]],[%s,%s,%s,%s,%s]]",
                name, units, outputs, outputs, inputs, gates, units, gates, gates,
                array(units * outputs, random), array(outputs, random), array(inputs * gates, random),
                array(units * gates, random), array(gates, random));
        return Files.writeString(dir.resolve(name + ".gen.json"), json);
    }

    private static String array(int n, SplittableRandom random) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putShort((short) random.nextInt(-3000, 3000)); // weights within ±0.9
        }
        return "\"" + Base64.getEncoder().encodeToString(bytes.array()) + "\"";
    }
}
