package org.plotter.sketch.data.internal;

import java.util.List;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Unpickler;

/**
 * What numpy writes into a pickle, rebuilt just far enough to read sketch data: an {@code ndarray}
 * is {@code _reconstruct(ndarray, (0,), b'b')} followed by {@code __setstate__((version, shape, dtype,
 * fortran, data))}, where data is a list for object arrays and raw bytes otherwise; a {@code dtype} is
 * {@code dtype('i2', False, True)} followed by {@code __setstate__((3, '<', …))}. Pyrolite calls the
 * public {@code __setstate__} methods by reflection.
 */
public final class NumpyPickles {
    static {
        IObjectConstructor array = args -> new NdArray();
        IObjectConstructor dtype = args -> new DType(String.valueOf(args[0]));
        // numpy 1 pickles name numpy.core, numpy 2 pickles numpy._core
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", array);
        }
        Unpickler.registerConstructor("numpy", "dtype", dtype);
    }

    private NumpyPickles() {}

    /** Unpickles one value with the numpy constructors registered. */
    public static Object load(byte[] pickle) throws java.io.IOException {
        Unpickler unpickler = new Unpickler();
        try {
            return unpickler.loads(pickle);
        } catch (RuntimeException e) {
            throw new java.io.IOException("not a readable pickle: " + e.getMessage(), e);
        } finally {
            unpickler.close();
        }
    }

    /** A numpy array type: kind and size ({@code i2}, {@code O}) and byte order ({@code <}, {@code >}, {@code |}). */
    public static final class DType {
        private final String kind;
        private String byteOrder = "|";

        DType(String kind) {
            this.kind = kind;
        }

        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] instanceof String order) {
                byteOrder = order;
            }
        }

        public String kind() {
            return kind;
        }

        public String byteOrder() {
            return byteOrder;
        }

        @Override
        public String toString() {
            return byteOrder + kind;
        }
    }

    /** An unpickled numpy array: shape, dtype and either the elements (object arrays) or the raw bytes. */
    public static final class NdArray {
        private int[] shape = new int[0];
        private DType dtype;
        private Object data;

        public void __setstate__(Object[] state) {
            if (state.length < 5) {
                throw new IllegalArgumentException("ndarray state has " + state.length + " fields, expected 5");
            }
            Object[] dims = state[1] instanceof Object[] d ? d : new Object[0];
            shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = ((Number) dims[i]).intValue();
            }
            dtype = state[2] instanceof DType t ? t : null;
            data = state[4];
        }

        public int[] shape() {
            return shape.clone();
        }

        public DType dtype() {
            return dtype;
        }

        /** The elements of an object array, or null when this array holds numbers. */
        public List<?> elements() {
            return data instanceof List<?> list ? list : null;
        }

        /** The raw bytes of a numeric array (Python 2 pickles carry them as a latin-1 string). */
        public byte[] bytes() {
            if (data instanceof byte[] b) {
                return b;
            }
            if (data instanceof String s) {
                byte[] b = new byte[s.length()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) s.charAt(i);
                }
                return b;
            }
            return null;
        }
    }
}
