package org.plotter.models;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What kind of file a checkpoint path names, said the way a person needs to hear it. Only regular
 * files are ever opened (a FIFO would block a reader forever); a directory is a checkpoint only when it
 * holds a manifest.
 */
final class CheckpointFiles {
    /** A checkpoint directory (of any engine) holds this file; see the checkpoint format in plotter-sketch. */
    static final String MANIFEST = "manifest.json";
    private CheckpointFiles() {}

    /** Why {@code file} cannot be read as a checkpoint, or empty if it is a readable regular file. */
    static Optional<String> problem(Path file) {
        if (Files.isSymbolicLink(file)) {
            try {
                file.toRealPath();
            } catch (FileSystemException e) {
                String reason = String.valueOf(e.getReason());
                return Optional.of(reason.contains("levels of symbolic links") ? "is a symbolic link loop"
                        : Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file) ? "is a symbolic link to nothing" : "cannot be resolved: " + reason);
            } catch (IOException e) {
                return Optional.of("cannot be resolved: " + e.getMessage());
            }
        }
        if (!Files.exists(file)) {
            return Optional.of("does not exist");
        }
        if (Files.isDirectory(file)) {
            return Files.isRegularFile(file.resolve(MANIFEST)) ? Optional.empty()
                    : Optional.of("is a directory without a " + MANIFEST + ", not a checkpoint");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("is not a regular file (a pipe, socket or device)");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("is not readable (permissions)");
        }
        return Optional.empty();
    }
}
