package org.plotter.model.rnn;

/** One engine per test JVM, as one per runtime in a framework: its helper thread is shared by every test. */
final class TestEngines {
    /** The vector kernels (the pom runs the tests with --add-modules jdk.incubator.vector). */
    static final SketchRnnEngine VECTOR = SketchRnnEngine.standalone(SketchRnnEngine.KernelChoice.VECTOR);

    private TestEngines() {}
}
