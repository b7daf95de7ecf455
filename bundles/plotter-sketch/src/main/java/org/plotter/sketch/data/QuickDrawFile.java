package org.plotter.sketch.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Quick, Draw! simplified drawings, one JSON object per line ({@code .ndjson}):
 * {@code {"word": "cat", "key_id": "…", "recognized": true, "drawing": [[[x…], [y…]], …]}}.
 */
public final class QuickDrawFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QuickDrawFile() {}

    /** @throws IOException naming the file, the line and what is wrong with it */
    public static List<QuickDrawing> readSimplified(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /**
     * Simplified drawings as they are, raw ones ({@code [[x…], [y…], [t…]]}) through
     * {@link QuickDrawSimplification}, so both come out in the published 0–255 frame.
     */
    public static List<QuickDrawing> readSimplifyingRaw(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), true);
        }
    }

    /**
     * The drawings of a stream, simplified or raw ({@code [[x…], [y…], [t…]]}: the times are ignored).
     *
     * @param name what to call the stream in messages, e.g. its file name
     * @throws IOException naming it, the line and what is wrong with it
     */
    public static List<QuickDrawing> read(BufferedReader in, String name) throws IOException {
        return read(in, name, false);
    }

    private static List<QuickDrawing> read(BufferedReader in, String name, boolean simplifyRaw) throws IOException {
        List<QuickDrawing> drawings = new ArrayList<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (!line.isBlank()) {
                drawings.add(parse(name, lineNumber, line, simplifyRaw));
            }
        }
        return drawings;
    }

    private static QuickDrawing parse(String file, int lineNumber, String line, boolean simplifyRaw) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " line " + lineNumber + ": not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        JsonNode drawing = root.path("drawing");
        if (!drawing.isArray()) {
            throw new IOException(file + " line " + lineNumber + ": no \"drawing\" array");
        }
        List<Polyline> strokes = new ArrayList<>();
        boolean raw = false;
        for (int s = 0; s < drawing.size(); s++) {
            JsonNode xs = drawing.get(s).path(0), ys = drawing.get(s).path(1);
            if (!xs.isArray() || !ys.isArray() || xs.size() != ys.size() || xs.isEmpty()) {
                throw new IOException(file + " line " + lineNumber + ": stroke " + s + " is not [[x…], [y…]] of equal, non-zero length");
            }
            raw |= drawing.get(s).size() == 3; // (x, y, t)
            List<Point> points = new ArrayList<>(xs.size());
            for (int i = 0; i < xs.size(); i++) {
                if (!xs.get(i).isNumber() || !ys.get(i).isNumber()) {
                    throw new IOException(file + " line " + lineNumber + ": stroke " + s + " has a coordinate that is not a number");
                }
                points.add(new Point(xs.get(i).doubleValue(), ys.get(i).doubleValue()));
            }
            strokes.add(new Polyline(points, true));
        }
        if (raw && simplifyRaw) {
            strokes = QuickDrawSimplification.simplify(strokes);
        }
        return new QuickDrawing(root.path("word").asText(""), root.path("key_id").asText(""), root.path("recognized").asBoolean(false), strokes);
    }
}
