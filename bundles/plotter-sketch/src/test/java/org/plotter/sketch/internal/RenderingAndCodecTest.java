package org.plotter.sketch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.plotter.api.render.ImageFormat;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;

class RenderingAndCodecTest {
    private final Drawing drawing = new Drawing(100, 50, List.of(
            new Polyline(List.of(new Point(0, 0), new Point(10, 40)), false),
            new Polyline(List.of(new Point(10, 40), new Point(90, 40)), true)));

    @Test
    void pngShowsInkDarkAndTravelFaint() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Java2dDrawingRenderer().render(drawing, ImageFormat.PNG, bytes);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(1000, png.getWidth());
        assertEquals(500, png.getHeight());
        int ink = png.getRGB(500, 400) & 0xffffff;      // on the pen-down line
        int travel = png.getRGB(50, 200) & 0xffffff;    // on the pen-up line, x = y/4
        int paper = png.getRGB(500, 100) & 0xffffff;
        assertEquals(0xffffff, paper);
        assertTrue((ink & 0xff) < 0x40, "ink is dark: " + Integer.toHexString(ink));
        assertTrue(travel != paper && (travel & 0xff) > 0x80, "travel is faint: " + Integer.toHexString(travel));
    }

    /** The animation grows the ink in drawing order: the first frame has less ink than the last, which has all of it. */
    @Test
    void gifAnimatesThePenAndLoops() throws IOException {
        List<Polyline> paths = new java.util.ArrayList<>();
        for (int k = 0; k < 10; k++) {
            paths.add(new Polyline(List.of(new Point(5 + 9 * k, 5), new Point(5 + 9 * k, 45), new Point(9 + 9 * k, 45)), true));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Java2dDrawingRenderer().render(new Drawing(100, 50, paths), ImageFormat.GIF, bytes);
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        int frames = reader.getNumImages(true);
        assertEquals(20, frames, "one frame per segment, up to " + GifWriter.FRAMES);
        assertTrue(dark(reader.read(0)) < dark(reader.read(frames / 2)) && dark(reader.read(frames / 2)) < dark(reader.read(frames - 1)));
        String tree = metadataText(reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0"));
        assertTrue(tree.contains("NETSCAPE"), "loops: " + tree);
    }

    private static int dark(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xff) < 0x80 ? 1 : 0;
            }
        }
        return n;
    }

    private static String metadataText(org.w3c.dom.Node node) {
        StringBuilder text = new StringBuilder(node.getNodeName());
        if (node.getAttributes() != null) {
            for (int i = 0; i < node.getAttributes().getLength(); i++) {
                text.append(' ').append(node.getAttributes().item(i).getNodeValue());
            }
        }
        for (org.w3c.dom.Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            text.append('\n').append(metadataText(child));
        }
        return text.toString();
    }

    @Test
    void svgHasOnePathPerPolylineInMillimetres() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Java2dDrawingRenderer().render(drawing, ImageFormat.SVG, bytes);
        String svg = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(svg.contains("width=\"100.00mm\""), svg);
        assertEquals(2, svg.split("<path").length - 1);
        assertTrue(svg.contains("M10.000 40.000 L90.000 40.000"), svg);
    }

    @Test
    void jsonRoundTripsAndRejectsMalformedFiles() throws IOException {
        JsonSketchCodec codec = new JsonSketchCodec();
        Sketch sketch = Sketch.fromStroke3(new float[][] {{1.5f, -2, 0}, {3, 4, 1}});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        codec.write(sketch, bytes);
        assertEquals(sketch, codec.read(new ByteArrayInputStream(bytes.toByteArray())));
        for (String bad : new String[] {"[1,2]", "{\"points\": [[1, 2]]}", "{\"format\": \"stroke-5\", \"points\": []}", "{not json"}) {
            assertThrows(IOException.class, () -> codec.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))), bad);
        }
    }

    @Test
    void codecErrorsAreOneLineAndSayWhatIsWrong() {
        JsonSketchCodec codec = new JsonSketchCodec();
        String[][] cases = {
            {"{\"points\": [[1e300, 0, 0], [1, 1, 0], [1, -1, 1]]}", "point 0 has an offset too large"},
            {"{\"points\": [[1, 0, 0], [1, 1, 7]]}", "point 1: lift must be 0"},
            {"{\"points\": [[1, 0, 0],\n [1, 1 0]]}", "line 2"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> codec.read(new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8))));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
