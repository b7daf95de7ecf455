package org.plotter.launcher;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.plotter.api.InvalidInputException;

/**
 * The files a command writes, checked before any work is done and written all or nothing. {@link #reserve}
 * proves the destination usable (a directory, creatable, each final name accepted by the file system)
 * before a machine moves. {@link #commit} writes every file to a temporary sibling first and renames
 * them only when all were written, so a full disk leaves no partial file and no directory it created.
 */
final class OutputFiles implements AutoCloseable {
    private final Path dir;
    private final boolean createdDir;
    private final Map<Path, byte[]> staged = new LinkedHashMap<>();
    private boolean committed;

    private OutputFiles(Path dir, boolean createdDir) {
        this.dir = dir;
        this.createdDir = createdDir;
    }

    /**
     * @throws InvalidInputException naming the path and what is wrong with it: not a directory, cannot
     *     be created, not writable, a name the file system refuses
     */
    static OutputFiles reserve(Path dir, String baseName, List<String> extensions) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new InvalidInputException("output directory " + dir + " exists and is not a directory");
        }
        boolean created = !Files.exists(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create output directory " + dir + ": " + reason(e));
        }
        OutputFiles files = new OutputFiles(target, created);
        try {
            for (String extension : extensions) {
                Path file = target.resolve(baseName + "." + extension);
                if (Files.isDirectory(file)) {
                    throw new InvalidInputException("cannot write " + file + ": a directory has that name");
                }
                if (!Files.exists(file)) {
                    Files.delete(Files.createFile(file)); // the name, the permissions and the space for an inode
                }
            }
            Files.delete(Files.createFile(target.resolve(tempName())));
        } catch (IOException e) {
            files.discard();
            throw new InvalidInputException("cannot write to " + dir + ": " + reason(e));
        } catch (InvalidInputException e) {
            files.discard();
            throw e;
        }
        return files;
    }

    Path file(String baseName, String extension) {
        return dir.resolve(baseName + "." + extension);
    }

    void stage(Path file, byte[] content) {
        staged.put(file, content);
    }

    /** Writes every staged file, or none: on failure nothing new is left and the exception says which file and why. */
    List<Path> commit() throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> entry : staged.entrySet()) {
                Path temp = entry.getKey().resolveSibling(tempName());
                temps.put(entry.getKey(), temp);
                deleteOnExit(temp);
                try {
                    Files.write(temp, entry.getValue());
                } catch (IOException e) {
                    throw new IOException("cannot write " + entry.getKey() + ": " + reason(e), e);
                }
            }
            for (Map.Entry<Path, Path> entry : temps.entrySet()) {
                try {
                    Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new IOException("cannot write " + entry.getKey() + ": " + reason(e), e);
                }
                written.add(entry.getKey());
            }
            committed = true;
            return written;
        } catch (IOException e) {
            for (Path temp : temps.values()) {
                Files.deleteIfExists(temp);
            }
            for (Path done : written) { // renamed already: a set of results is whole or absent
                Files.deleteIfExists(done);
            }
            discard();
            throw e;
        }
    }

    /** A command that ends without committing leaves no directory it created. */
    @Override
    public void close() {
        if (!committed) {
            discard();
        }
    }

    /** Removes the output directory if this reservation created it and it is still empty. */
    void discard() {
        if (createdDir) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmpty) {
                // something else was written there: keep it
            }
        }
    }

    /** A temporary file must not outlive a JVM stopped by a signal while writing it. */
    private static void deleteOnExit(Path temp) {
        try {
            temp.toFile().deleteOnExit();
        } catch (IllegalStateException shuttingDown) {
            // already stopping (writing the record after Ctrl-C): commit() removes its temporary files itself
        }
    }

    private static String tempName() {
        return ".plotter-" + UUID.randomUUID().toString().substring(0, 8) + ".part";
    }

    /** A file system error's reason, without repeating the path. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
