package org.plotter.launcher;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.file.StandardOpenOption;

/**
 * Results are rendered in memory and written only once everything succeeded, each through a temporary
 * file and a rename, so a failed or interrupted command never leaves a partial file behind.
 */
final class OutputFiles {
    private final Map<Path, byte[]> staged = new LinkedHashMap<>();

    void stage(Path file, byte[] content) {
        staged.put(file, content);
    }

    List<Path> commit() throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, byte[]> entry : staged.entrySet()) {
            Path target = entry.getKey().toAbsolutePath();
            Files.createDirectories(target.getParent());
            // a sibling, so the rename stays on one file system; default permissions, unlike createTempFile
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
            try {
                Files.write(temp, entry.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(entry.getKey());
        }
        return written;
    }
}
