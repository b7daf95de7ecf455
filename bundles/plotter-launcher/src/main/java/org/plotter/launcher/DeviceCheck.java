package org.plotter.launcher;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.plotter.api.InvalidInputException;

/** {@code --device}: the ND4J backend on the class path decides; this says in one line when it cannot be the one asked for. */
final class DeviceCheck {
    private DeviceCheck() {}

    static void require(String device) {
        switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu" -> { }
            case "gpu", "cuda" -> {
                String backend = Nd4j.getBackend().getClass().getSimpleName();
                if (!backend.toLowerCase(Locale.ROOT).contains("cuda")) {
                    throw new InvalidInputException("no CUDA device: this distribution runs ND4J's CPU backend (" + backend
                            + "); build it with 'mvn -Pcuda package' on a machine with CUDA 11.6 and a GPU");
                }
            }
            default -> throw new InvalidInputException("--device must be cpu or gpu, not '" + device + "'");
        }
    }
}
