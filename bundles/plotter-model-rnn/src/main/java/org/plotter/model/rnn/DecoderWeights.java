package org.plotter.model.rnn;

/**
 * A decoder's parameters as row-major float arrays, in the shapes of the magenta checkpoint:
 * output {@code [units, out]} and {@code [out]}, LSTM input {@code [in, 4·units]}, recurrent
 * {@code [units, 4·units]} and bias {@code [4·units]} (zeros for a layer-normalised cell, whose
 * offsets are in {@code layerNorm}).
 *
 * @param layerNorm the layer normalisation of magenta's {@code LayerNormLSTMCell}, or null for a plain LSTM
 */
record DecoderWeights(SketchRnnHyperParameters shape, float[] outputW, float[] outputB, float[] lstmWx, float[] lstmWh, float[] lstmB,
        LayerNormWeights layerNorm) {
    /** A plain LSTM decoder. */
    DecoderWeights(SketchRnnHyperParameters shape, float[] outputW, float[] outputB, float[] lstmWx, float[] lstmWh, float[] lstmB) {
        this(shape, outputW, outputB, lstmWx, lstmWh, lstmB, null);
    }

    DecoderWeights {
        int units = shape.decoderUnits(), gates = shape.gateWidth(), out = shape.outputWidth();
        check("output W", outputW, units * out);
        check("output b", outputB, out);
        check("LSTM Wx", lstmWx, shape.inputWidth() * gates);
        check("LSTM Wh", lstmWh, units * gates);
        check("LSTM b", lstmB, gates);
        if (layerNorm != null) {
            check("layer-norm gains", layerNorm.gateGamma(), gates);
        }
    }

    private static void check(String name, float[] values, int expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected " + expected);
        }
    }
}
