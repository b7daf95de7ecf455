package org.plotter.sketch.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/**
 * Quick, Draw!'s binary format of simplified drawings ({@code .bin}), little-endian records of
 * {@code key_id u64, countrycode 2 chars, recognized u8, timestamp u32, n_strokes u16}, then per stroke
 * {@code n_points u16, x u8[n], y u8[n]}. The file carries no class name: the caller gives it.
 */
public final class QuickDrawBinaryFile {
    private QuickDrawBinaryFile() {}

    /** @throws IOException naming the file, the drawing and what is wrong with it */
    public static List<QuickDrawing> read(Path file, String word) throws IOException {
        List<QuickDrawing> drawings = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return drawings;
                }
                try {
                    drawings.add(drawing(in, first, word));
                } catch (EOFException e) {
                    throw new IOException(file + ": drawing " + (drawings.size() + 1) + " is truncated");
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
    }

    private static QuickDrawing drawing(DataInputStream in, int firstByte, String word) throws IOException {
        long keyId = firstByte | (long) Byte.toUnsignedInt(in.readByte()) << 8;
        for (int shift = 16; shift < 64; shift += 8) {
            keyId |= (long) Byte.toUnsignedInt(in.readByte()) << shift;
        }
        in.readFully(new byte[2]); // country code
        boolean recognized = in.readUnsignedByte() != 0;
        in.readFully(new byte[4]); // timestamp
        int strokes = unsignedShort(in);
        List<Polyline> lines = new ArrayList<>(strokes);
        for (int s = 0; s < strokes; s++) {
            int n = unsignedShort(in);
            byte[] x = new byte[n], y = new byte[n];
            in.readFully(x);
            in.readFully(y);
            List<Point> points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                points.add(new Point(Byte.toUnsignedInt(x[i]), Byte.toUnsignedInt(y[i])));
            }
            lines.add(new Polyline(points, true));
        }
        return new QuickDrawing(word, Long.toUnsignedString(keyId), recognized, lines);
    }

    private static int unsignedShort(InputStream in) throws IOException {
        int lo = in.read(), hi = in.read();
        if ((lo | hi) < 0) {
            throw new EOFException();
        }
        return lo | hi << 8;
    }
}
