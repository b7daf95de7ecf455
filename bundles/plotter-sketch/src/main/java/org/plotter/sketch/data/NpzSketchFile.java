package org.plotter.sketch.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.plotter.api.sketch.Sketch;
import org.plotter.sketch.data.internal.NumpyPickles;

/**
 * The sketch-rnn data sets' {@code .npz} files: a zip of {@code train.npy}, {@code valid.npy} and
 * {@code test.npy}, each a numpy object array (pickled) of int16 stroke-3 arrays {@code [n, 3]}.
 * Every way such a file can be wrong is reported in one sentence naming the file.
 */
public final class NpzSketchFile {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final int STROKE3 = 3;

    private NpzSketchFile() {}

    /** @throws IOException one sentence: the file and what is wrong with it */
    public static SketchDataSet read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.npz$", "");
        Map<SketchDataSet.Split, List<Sketch>> splits = new EnumMap<>(SketchDataSet.Split.class);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                for (SketchDataSet.Split split : SketchDataSet.Split.values()) {
                    if (entry.getName().equals(split.fileName() + ".npy")) {
                        splits.put(split, sketches(file, entry.getName(), zip.readAllBytes()));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + ": not a complete .npz (zip) file: " + e.getMessage());
        }
        for (SketchDataSet.Split split : SketchDataSet.Split.values()) {
            List<Sketch> sketches = splits.get(split);
            if (sketches == null) {
                throw new IOException(file + ": has no " + split.fileName() + ".npy (a sketch-rnn .npz holds train, valid and test)");
            }
            if (sketches.isEmpty()) {
                throw new IOException(file + ": the " + split.fileName() + " split is empty");
            }
        }
        return new SketchDataSet(name, file.toString(), splits.get(SketchDataSet.Split.TRAIN),
                splits.get(SketchDataSet.Split.VALID), splits.get(SketchDataSet.Split.TEST));
    }

    private static List<Sketch> sketches(Path file, String entry, byte[] npy) throws IOException {
        String where = file + " (" + entry + ")";
        if (npy.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(npy, NPY_MAGIC.length), NPY_MAGIC)) {
            throw new IOException(where + ": not a .npy array");
        }
        ByteBuffer header = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int major = npy[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(header.getShort(8)) : header.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        if (headerLength < 0 || dataStart > npy.length) {
            throw new IOException(where + ": truncated .npy header");
        }
        String dict = new String(npy, dataStart - headerLength, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(dict);
        if (!descr.find() || !descr.group(1).equals("|O")) {
            throw new IOException(where + ": wrong dtype " + (descr.find(0) ? descr.group(1) : "?")
                    + ", expected an object array (|O) of stroke-3 arrays");
        }
        Object value;
        try {
            value = NumpyPickles.load(java.util.Arrays.copyOfRange(npy, dataStart, npy.length));
        } catch (IOException e) {
            throw new IOException(where + ": corrupt or truncated array data (" + e.getMessage() + ")");
        }
        if (!(value instanceof NumpyPickles.NdArray array) || array.elements() == null) {
            throw new IOException(where + ": the array data is not a numpy object array");
        }
        List<Sketch> sketches = new ArrayList<>(array.elements().size());
        for (Object element : array.elements()) {
            sketches.add(sketch(where, sketches.size(), element));
        }
        return sketches;
    }

    private static Sketch sketch(String where, int index, Object element) throws IOException {
        if (!(element instanceof NumpyPickles.NdArray array) || array.bytes() == null) {
            throw new IOException(where + ": sketch " + index + " is not a numeric array");
        }
        int[] shape = array.shape();
        if (shape.length != 2 || shape[1] != STROKE3) {
            throw new IOException(where + ": sketch " + index + " has shape " + java.util.Arrays.toString(shape) + ", expected [n, 3]");
        }
        NumpyPickles.DType dtype = array.dtype();
        if (dtype == null || !dtype.kind().equals("i2") || dtype.byteOrder().equals(">")) {
            throw new IOException(where + ": sketch " + index + " has wrong dtype " + dtype + ", expected little-endian int16");
        }
        byte[] bytes = array.bytes();
        if (bytes.length != shape[0] * STROKE3 * Short.BYTES) {
            throw new IOException(where + ": sketch " + index + " is truncated (" + bytes.length + " bytes for " + shape[0] + " points)");
        }
        ByteBuffer values = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] rows = new float[shape[0]][STROKE3];
        for (float[] row : rows) {
            for (int k = 0; k < STROKE3; k++) {
                row[k] = values.getShort();
            }
        }
        return Sketch.fromStroke3(rows);
    }
}
