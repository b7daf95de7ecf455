package org.plotter.model.rnn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.plotter.api.model.ModelLoadException;

/**
 * Reads magenta's {@code .gen.json} decoder checkpoints (the sketch-rnn-js format):
 * {@code [info, shapes, arrays]} where each array is base64 of little-endian int16 and a weight is
 * {@code 10 · int16 / 32767}. The five arrays are output W, output b, LSTM Wx, Wh and b.
 */
final class MagentaCheckpoint {
    static final String SUFFIX = ".gen.json";
    /** The quantisation range: int16 values map linearly onto [-10, 10]. */
    private static final float QUANT_RANGE = 10f;
    private static final float QUANT_STEPS = 32767f;
    private static final int DECODER_ARRAYS = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The descriptive header: model name, class (the name, for single-class checkpoints) and shape. */
    record Header(String name, int maxSeqLen, double scaleFactor) {}

    /** A whole checkpoint: its header and its weights. */
    record Checkpoint(Header header, DecoderWeights weights) {}

    private MagentaCheckpoint() {}

    /** Reads only the header object, stopping before the weights. */
    static Header readHeader(Path file) throws ModelLoadException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelLoadException(file, "not a magenta .gen.json checkpoint (expected [info, shapes, weights])");
            }
            return header(file, MAPPER.readTree(parser));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, "no such file");
        } catch (IOException e) {
            throw new ModelLoadException(file, "not a readable .gen.json checkpoint: " + reason(e), e);
        }
    }

    /** Jackson's messages span lines; keep the first, plus where. */
    private static String reason(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null) {
            return json.getOriginalMessage() + " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    static Checkpoint read(Path file) throws ModelLoadException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new ModelLoadException(file, "no such file");
            }
            throw new ModelLoadException(file, "not a readable .gen.json checkpoint: " + reason(e), e);
        }
        if (root == null || !root.isArray() || root.size() < 3 || !root.get(1).isArray() || !root.get(2).isArray()) {
            throw new ModelLoadException(file, "not a magenta .gen.json checkpoint (expected [info, shapes, weights])");
        }
        Header header = header(file, root.get(0));
        JsonNode shapes = root.get(1);
        JsonNode arrays = root.get(2);
        if (shapes.size() != DECODER_ARRAYS || arrays.size() != DECODER_ARRAYS) {
            throw new ModelLoadException(file, "has " + arrays.size() + " weight arrays; only unconditional decoders ("
                    + DECODER_ARRAYS + " arrays) are supported");
        }
        int units = dim(file, shapes, 0, 0);
        int outputs = dim(file, shapes, 0, 1);
        int inputs = dim(file, shapes, 2, 0);
        int mixtures = (outputs - SketchRnnHyperParameters.PEN_STATES) / SketchRnnHyperParameters.PARAMS_PER_MIXTURE;
        SketchRnnHyperParameters shape;
        try {
            shape = new SketchRnnHyperParameters(inputs, units, mixtures, header.maxSeqLen(), header.scaleFactor());
            if (shape.outputWidth() != outputs) {
                throw new IllegalArgumentException("output width " + outputs + " is not 3 + 6 * mixtures");
            }
            return new Checkpoint(header, new DecoderWeights(shape,
                    dequantise(file, arrays, 0), dequantise(file, arrays, 1), dequantise(file, arrays, 2),
                    dequantise(file, arrays, 3), dequantise(file, arrays, 4)));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "inconsistent checkpoint: " + e.getMessage());
        }
    }

    private static Header header(Path file, JsonNode info) throws ModelLoadException {
        if (info == null || !info.isObject() || !info.path("name").isTextual()
                || !info.path("max_seq_len").canConvertToInt() || !info.path("scale_factor").isNumber()) {
            throw new ModelLoadException(file, "checkpoint header lacks name, max_seq_len or scale_factor");
        }
        return new Header(info.get("name").asText(), info.get("max_seq_len").asInt(), info.get("scale_factor").asDouble());
    }

    private static int dim(Path file, JsonNode shapes, int array, int axis) throws ModelLoadException {
        JsonNode d = shapes.path(array).path(axis);
        if (!d.canConvertToInt() || d.asInt() <= 0) {
            throw new ModelLoadException(file, "weight shape " + array + " is malformed: " + shapes.path(array));
        }
        return d.asInt();
    }

    private static float[] dequantise(Path file, JsonNode arrays, int index) throws ModelLoadException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(arrays.get(index).asText());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "weight array " + index + " is not base64: " + e.getMessage());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.length / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = QUANT_RANGE * buffer.getShort() / QUANT_STEPS;
        }
        return values;
    }
}
