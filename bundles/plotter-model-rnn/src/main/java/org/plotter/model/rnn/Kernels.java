package org.plotter.model.rnn;

import org.slf4j.LoggerFactory;

/**
 * The decoder's numeric inner loops, behind one seam so the model code reads like the paper and a
 * faster implementation can be swapped in: {@link ScalarKernels} (plain Java, always there) or
 * {@link VectorKernels} (the incubating Vector API on both cores, when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}).
 */
interface Kernels {
    /** {@code y += x · W} for one fixed row-major {@code [rows, cols]} matrix. */
    interface MatVec {
        void multiplyAdd(float[] x, float[] y);
    }

    String name();

    MatVec matrix(float[] w, int rows, int cols);

    /**
     * The LSTM state update from gate pre-activations {@code g = [i, j, f, o]} (forget bias not yet
     * added): {@code c = c·σ(f + 1) + σ(i)·tanh(j)}, {@code h = tanh(c)·σ(o)}, in place.
     */
    void lstmUpdate(float[] g, float[] c, float[] h, int units);

    /** Whether this JVM runs with {@code --add-modules jdk.incubator.vector}. */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * The vector kernels if this JVM can run them, else the scalar ones.
     *
     * @param secondCore the helper thread the vector kernels may share work with, or null
     */
    static Kernels best(SecondCore secondCore) {
        if (vectorApiPresent()) {
            try {
                // by name, so that nothing links against the Vector API when it is absent
                return (Kernels) Class.forName("org.plotter.model.rnn.VectorKernels")
                        .getDeclaredConstructor(SecondCore.class).newInstance(secondCore);
            } catch (ReflectiveOperationException | LinkageError e) {
                LoggerFactory.getLogger(Kernels.class).warn("Vector API present but unusable, using scalar kernels: {}", e.toString());
            }
        }
        return ScalarKernels.INSTANCE;
    }
}
