package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results are whole or absent: a failure part-way through leaves neither files nor temporary files behind. */
class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedCommitLeavesNothingAndSaysWhichFile() throws IOException {
        Path out = dir.resolve("out");
        OutputFiles files = OutputFiles.reserve(out, "dog-1", List.of("svg", "gcode"));
        files.stage(files.file("dog-1", "svg"), "<svg/>".getBytes());
        files.stage(files.file("dog-1", "gcode"), "G21\n".getBytes());
        // something takes the second name after the check: a directory with content cannot be replaced
        Files.createDirectories(out.resolve("dog-1.gcode").resolve("inside"));
        IOException e = assertThrows(IOException.class, files::commit);
        assertTrue(e.getMessage().startsWith("cannot write " + out.resolve("dog-1.gcode").toAbsolutePath()), e.getMessage());
        assertFalse(Files.exists(out.resolve("dog-1.svg")), "the first file is taken back");
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(out.resolve("dog-1.gcode").toAbsolutePath()), left.toList(), "no temporary files");
        }
    }

    @Test
    void anUnusedReservationRemovesTheDirectoryItCreated() {
        Path out = dir.resolve("new");
        try (OutputFiles files = OutputFiles.reserve(out, "x", List.of("svg"))) {
            assertTrue(Files.isDirectory(out));
        }
        assertFalse(Files.exists(out));
    }
}
