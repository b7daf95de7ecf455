package org.plotter.train.rnn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every trainable tensor of a network as a view into one flat vector, with a gradient vector of the
 * same layout: the optimiser, gradient clipping and checkpoints work on the flat vectors in one go.
 */
final class ParameterSet {
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final DataType type;
    private long length;
    private INDArray values;
    private INDArray gradients;

    ParameterSet(DataType type) {
        this.type = type;
    }

    /** Declares a tensor; all are declared before {@link #allocate}. */
    ParameterSet declare(String name, long rows, long cols) {
        if (values != null) {
            throw new IllegalStateException("parameters already allocated");
        }
        shapes.put(name, new long[] {rows, cols});
        offsets.put(name, length);
        length += rows * cols;
        return this;
    }

    ParameterSet allocate() {
        values = Nd4j.zeros(type, length);
        gradients = Nd4j.zeros(type, length);
        return this;
    }

    Map<String, long[]> shapes() {
        return shapes;
    }

    long length() {
        return length;
    }

    INDArray values() {
        return values;
    }

    INDArray gradients() {
        return gradients;
    }

    INDArray value(String name) {
        return view(values, name);
    }

    INDArray gradient(String name) {
        return view(gradients, name);
    }

    private INDArray view(INDArray flat, String name) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        // a view sharing the flat buffer: writes to it are writes to the flat vector
        return Nd4j.create(flat.data(), shape, new long[] {shape[1], 1}, offsets.get(name), 'c', type);
    }

    boolean has(String name) {
        return shapes.containsKey(name);
    }
}
