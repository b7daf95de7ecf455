package org.plotter.sketch.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads and writes checkpoint directories: {@code manifest.json}, {@code weights.bin} (the manifest's
 * tensors, float32 little-endian, one after another) and any further files an engine adds (optimiser
 * state). A checkpoint is written whole into a sibling directory and renamed into place, so an
 * interrupted write leaves the previous checkpoint as it was.
 */
public final class CheckpointFiles {
    public static final String WEIGHTS = "weights.bin";
    /**
     * The trainer's own outputs for one fixed input, written with the weights: the engine that samples
     * recomputes them on load, so training and sampling can never disagree about a model.
     */
    public static final String TRACE = "trace.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CheckpointFiles() {}

    /** Whether {@code path} is a checkpoint directory (it has a manifest). */
    public static boolean isCheckpoint(Path path) {
        return Files.isRegularFile(path.resolve(CheckpointManifest.FILE));
    }

    /** @throws IOException one sentence naming the checkpoint and what is wrong */
    public static CheckpointManifest readManifest(Path dir) throws IOException {
        Path file = dir.resolve(CheckpointManifest.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": not a checkpoint (no " + CheckpointManifest.FILE + ")");
        }
        CheckpointManifest manifest;
        try {
            manifest = MAPPER.readValue(file.toFile(), CheckpointManifest.class);
        } catch (IOException e) {
            throw new IOException(file + ": unreadable manifest: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (manifest.engine() == null || manifest.classes().isEmpty() || manifest.formatVersion() > CheckpointManifest.FORMAT_VERSION) {
            throw new IOException(file + ": manifest lacks an engine or classes, or is of a newer format (" + manifest.formatVersion() + ")");
        }
        return manifest;
    }

    /** The manifest's tensors from {@code weights.bin}, by name. */
    public static Map<String, float[]> readTensors(Path dir, CheckpointManifest manifest) throws IOException {
        Path file = dir.resolve(WEIGHTS);
        long expected = manifest.tensors().stream().mapToLong(t -> 4L * t.size()).sum();
        if (!Files.isRegularFile(file) || Files.size(file) != expected) {
            throw new IOException(file + ": " + (Files.isRegularFile(file) ? Files.size(file) + " bytes" : "missing")
                    + ", the manifest's tensors need " + expected);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (CheckpointManifest.Tensor t : manifest.tensors()) {
            float[] values = new float[t.size()];
            bytes.asFloatBuffer().get(values);
            bytes.position(bytes.position() + 4 * values.length);
            tensors.put(t.name(), values);
        }
        return tensors;
    }

    /** Something that writes the extra files of a checkpoint into the new directory. */
    @FunctionalInterface
    public interface ExtraFiles {
        void writeInto(Path dir) throws IOException;
    }

    /**
     * Writes a checkpoint to {@code dir} atomically: into {@code dir.tmp}, then renamed over {@code dir}.
     *
     * @param tensors the values for each of the manifest's tensors, in its order
     */
    public static void write(Path dir, CheckpointManifest manifest, Map<String, float[]> tensors, ExtraFiles extra) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(dir.getFileName() + ".tmp");
        deleteTree(temp);
        Files.createDirectory(temp);
        ByteBuffer buffer = ByteBuffer.allocate(4 * manifest.tensors().stream().mapToInt(CheckpointManifest.Tensor::size).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (CheckpointManifest.Tensor t : manifest.tensors()) {
            float[] values = tensors.get(t.name());
            if (values == null || values.length != t.size()) {
                throw new IllegalArgumentException("tensor " + t.name() + " has " + (values == null ? "no" : values.length) + " values, expected " + t.size());
            }
            buffer.asFloatBuffer().put(values);
            buffer.position(buffer.position() + 4 * values.length);
        }
        writeSynced(temp.resolve(WEIGHTS), buffer.array());
        writeSynced(temp.resolve(CheckpointManifest.FILE), MAPPER.writeValueAsBytes(manifest));
        extra.writeInto(temp);
        Path old = parent.resolve(dir.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(dir)) {
            Files.move(dir, old);
        }
        try {
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, dir);
        }
        deleteTree(old);
    }

    /** Writes and forces a file, so a crash after the rename cannot leave it empty. */
    public static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        }
    }

    /** A JSON file of any value an engine keeps beside its weights. */
    public static void writeJson(Path file, Object value) throws IOException {
        writeSynced(file, MAPPER.writeValueAsBytes(value));
    }

    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    /** A checkpoint whose directory is {@code dir.old} (left by a crash mid-rename) is found again. */
    public static Path recover(Path dir) throws IOException {
        Path old = dir.toAbsolutePath().getParent().resolve(dir.getFileName() + ".old");
        if (!Files.exists(dir) && isCheckpoint(old)) {
            Files.move(old, dir);
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
