package org.plotter.sketch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.Sketch;
import org.plotter.api.SketchCodec;

/**
 * Sketch files: {@code {"format": "stroke-3", "points": [[dx, dy, lift], ...]}}. The point list is
 * the same as a row of a sketch-rnn {@code .npz} data set or a sampled sketch.
 */
@Component(service = SketchCodec.class)
public class JsonSketchCodec implements SketchCodec {
    static final String FORMAT = "stroke-3";
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Sketch read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (IOException e) {
            throw new IOException("not a JSON sketch file: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a sketch file: expected a JSON object with \"points\"");
        }
        if (!FORMAT.equals(root.path("format").asText(FORMAT))) {
            throw new IOException("unsupported sketch format '" + root.path("format").asText() + "', expected " + FORMAT);
        }
        JsonNode points = root.path("points");
        if (!points.isArray()) {
            throw new IOException("not a sketch file: \"points\" must be an array of [dx, dy, lift]");
        }
        float[][] rows = new float[points.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = points.get(i);
            if (!row.isArray() || row.size() != 3 || !row.get(0).isNumber() || !row.get(1).isNumber() || !row.get(2).isNumber()) {
                throw new IOException("point " + i + " is not [dx, dy, lift]: " + row);
            }
            rows[i] = new float[] {row.get(0).floatValue(), row.get(1).floatValue(), row.get(2).floatValue()};
        }
        return Sketch.fromStroke3(rows);
    }

    @Override
    public void write(Sketch sketch, OutputStream out) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode points = root.putArray("points");
        for (float[] row : sketch.toStroke3()) {
            points.addArray().add(row[0]).add(row[1]).add((int) row[2]);
        }
        mapper.writeValue(out, root);
    }
}
