package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's command, as a separate process through tools/plotter, on the distribution this build made. */
class DrawProcessIT {
    @TempDir
    Path work;

    @Test
    void toolsPlotterDrawProducesTheThreeFiles() throws Exception {
        Path home = Path.of(System.getProperty("plotter.home"));
        Path model = PlotterCliTest.dogModel().toAbsolutePath();
        // This Maven run has just built the distribution; mark it fresh so the wrapper does not rebuild it.
        Path stamp = home.resolve("bundles/plotter-launcher/target/dist/.built");
        Files.write(stamp, new byte[0]);

        Process process = new ProcessBuilder(home.resolve("tools/plotter").toString(), "draw", "--class", "dog",
                "--model", model.toString(), "--seed", "11", "--out", "drawings")
                .directory(work.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "plotter draw did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("dog-11:") && output.contains("wrote"), output);

        Path drawings = work.resolve("drawings");
        assertTrue(Files.readString(drawings.resolve("dog-11.gcode")).startsWith("G21 G90"));
        assertTrue(Files.readString(drawings.resolve("dog-11.svg")).startsWith("<svg"));
        BufferedImage png = ImageIO.read(drawings.resolve("dog-11.png").toFile());
        assertNotNull(png, "a readable PNG");
        int ink = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xffffff) < 0x404040) {
                    ink++;
                }
            }
        }
        assertTrue(ink > 1000, "the pen drew something dark: " + ink + " pixels");
    }
}
