package org.plotter.model.rnn;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J's backend once, turning a failure into one readable sentence: a distribution built
 * with {@code -Pcuda} on a machine without a CUDA device or driver fails deep inside native loading.
 */
final class Nd4jBackend {
    private Nd4jBackend() {}

    /** The backend's name, e.g. {@code CpuBackend} or {@code JCublasBackend}. */
    static String require() {
        try {
            return Nd4j.getBackend().getClass().getSimpleName();
        } catch (Throwable e) { // native loading fails with Errors (UnsatisfiedLinkError, ExceptionInInitializerError)
            boolean cuda = isOnClassPath("org.nd4j.linalg.jcublas.JCublasBackend");
            throw new IllegalStateException(cuda
                    ? "ND4J's CUDA backend could not start: no CUDA device or CUDA 11.6 driver/libraries on this machine"
                            + " (and its native jar must be installed); build without -Pcuda to use the CPU ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"
                    : "ND4J's backend could not start: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOnClassPath(String className) {
        try {
            Class.forName(className, false, Nd4jBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
