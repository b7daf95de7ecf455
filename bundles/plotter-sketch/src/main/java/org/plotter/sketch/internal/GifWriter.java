package org.plotter.sketch.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Polyline;

/**
 * The pen drawing, as an animated GIF: the ink grows point by point in drawing order over at most
 * {@value #FRAMES} frames, the finished drawing is held, and the animation loops (ImageIO's GIF writer,
 * with the NETSCAPE2.0 extension for looping).
 */
final class GifWriter {
    static final int FRAMES = 60;
    static final int LONG_SIDE = 400;
    /** Hundredths of a second per frame, and for the finished drawing. */
    static final int FRAME_DELAY = 5;
    static final int HOLD_DELAY = 200;

    private GifWriter() {}

    static void write(Drawing drawing, RenderStyle style, OutputStream out) throws IOException {
        List<Polyline> ink = drawing.paths().stream().filter(p -> p.penDown() && p.points().size() > 1).toList();
        int points = ink.stream().mapToInt(p -> p.points().size() - 1).sum();
        int frames = Math.max(1, Math.min(FRAMES, points));
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("no GIF writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int f = 1; f <= frames; f++) {
                BufferedImage image = PngWriter.raster(drawing, style, LONG_SIDE, firstSegments(ink, (int) ((long) points * f / frames)), false);
                writer.writeToSequence(new IIOImage(image, null, metadata(writer, image, f == frames ? HOLD_DELAY : FRAME_DELAY, f == 1)), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** The first {@code segments} line segments of the ink, in drawing order. */
    static List<Polyline> firstSegments(List<Polyline> ink, int segments) {
        List<Polyline> drawn = new ArrayList<>();
        int left = segments;
        for (Polyline line : ink) {
            if (left <= 0) {
                break;
            }
            int take = Math.min(left, line.points().size() - 1);
            drawn.add(new Polyline(line.points().subList(0, take + 1), true));
            left -= take;
        }
        return drawn;
    }

    private static IIOMetadata metadata(ImageWriter writer, BufferedImage image, int delay, boolean first) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delay));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = for ever
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        metadata.setFromTree(format, root);
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
