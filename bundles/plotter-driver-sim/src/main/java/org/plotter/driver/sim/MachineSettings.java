package org.plotter.driver.sim;

/**
 * The simulated machine: travel in mm from the origin (soft limits), maximum rate (mm/min, used for
 * G0), acceleration (mm/s²), junction deviation (mm, GRBL's {@code $11}), and how fast simulated time
 * runs against the wall clock ({@code 0}: as fast as possible).
 */
record MachineSettings(double travelX, double travelY, double travelZMin, double travelZMax,
                       double maxRate, double acceleration, double junctionDeviation, double speedFactor,
                       boolean marlin, java.util.Map<Integer, Integer> garbled, java.util.Map<Integer, String> faults) {
    MachineSettings(double travelX, double travelY, double travelZMin, double travelZMax,
                    double maxRate, double acceleration, double junctionDeviation, double speedFactor) {
        this(travelX, travelY, travelZMin, travelZMax, maxRate, acceleration, junctionDeviation, speedFactor, false, java.util.Map.of(), java.util.Map.of());
    }

    /** Pen-down threshold for Z-lift pens: at or below this height the pen touches the paper. */
    static final double PEN_CONTACT_Z = 0.0;

    /** The configuration defaults: a 300 mm square bed, 6 m/min, 500 mm/s², GRBL's 0.01 mm junction deviation, as fast as possible. */
    static final MachineSettings DEFAULT = new MachineSettings(300, 300, -10, 10, 6000, 500, 0.01, 0);
}
