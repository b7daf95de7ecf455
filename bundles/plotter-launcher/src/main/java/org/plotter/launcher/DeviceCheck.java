package org.plotter.launcher;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.plotter.api.InvalidInputException;

/**
 * {@code --device}: the ND4J backend on the class path decides (the CPU one, or CUDA in a {@code -Pcuda}
 * build); this says in one line when it cannot be the one asked for, or cannot start at all.
 */
final class DeviceCheck {
    private DeviceCheck() {}

    static void require(String device) {
        String wanted = device.toLowerCase(Locale.ROOT);
        if (!wanted.equals("cpu") && !wanted.equals("gpu") && !wanted.equals("cuda")) {
            throw new InvalidInputException("--device must be cpu or gpu, not '" + device + "'");
        }
        String backend;
        try {
            backend = Nd4j.getBackend().getClass().getSimpleName();
        } catch (Throwable e) { // native loading fails with Errors (UnsatisfiedLinkError, ExceptionInInitializerError)
            throw new IllegalStateException("ND4J's backend could not start (" + e.getClass().getSimpleName() + "): "
                    + (wanted.equals("cpu") ? "is this a -Pcuda build? build without it for the CPU"
                    : "no CUDA device, or no CUDA 11.6 driver and libraries, on this machine"), e);
        }
        boolean cuda = backend.toLowerCase(Locale.ROOT).contains("cublas") || backend.toLowerCase(Locale.ROOT).contains("cuda");
        if (!wanted.equals("cpu") && !cuda) {
            throw new InvalidInputException("no CUDA device: this distribution runs ND4J's CPU backend (" + backend
                    + "); build it with 'mvn -Pcuda package' on a machine with CUDA 11.6 and a GPU");
        }
        if (wanted.equals("cpu") && cuda) {
            throw new InvalidInputException("this distribution was built with -Pcuda and runs on the GPU; use --device gpu, or build without -Pcuda");
        }
    }
}
