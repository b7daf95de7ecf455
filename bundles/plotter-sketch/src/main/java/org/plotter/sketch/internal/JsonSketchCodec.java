package org.plotter.sketch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.sketch.Sketch;
import org.plotter.api.sketch.SketchCodec;

/**
 * Sketch files: {@code {"format": "stroke-3", "points": [[dx, dy, lift], ...]}} where {@code lift} is
 * 0 or 1. The point list is the same as a row of a sketch-rnn {@code .npz} data set or a sampled sketch.
 */
@Component(service = SketchCodec.class, property = SketchCodec.FORMAT + "=" + JsonSketchCodec.SERVICE_FORMAT)
public class JsonSketchCodec implements SketchCodec {
    static final String FORMAT = "stroke-3";
    static final String SERVICE_FORMAT = "stroke-3-json";
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Sketch read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            // Jackson's own message spans lines and quotes its internals: keep the reason and where
            throw new IOException("not a JSON sketch file: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
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
            float dx = row.get(0).floatValue(), dy = row.get(1).floatValue();
            if (!Float.isFinite(dx) || !Float.isFinite(dy)) {
                throw new IOException("point " + i + " has an offset too large for a sketch: " + row);
            }
            double lift = row.get(2).doubleValue();
            if (lift != 0 && lift != 1) {
                throw new IOException("point " + i + ": lift must be 0 (pen stays down) or 1 (pen lifts), got " + row.get(2));
            }
            rows[i] = new float[] {dx, dy, (float) lift};
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
