package org.plotter.driver.sim;

/** A simulated controller: the protocol it speaks over the bytes it receives, the motion it executes. */
interface VirtualMachine {
    /** A byte from the host. */
    void receive(int b);

    MotionSimulator motion();

    void shutdown();

    /**
     * Who pulls the cable when an {@code unplug} fault comes due: a device served on a pseudo-terminal
     * ({@link VirtualDevice}); on an in-process connection nobody, and the fault only loses that line's answer.
     */
    void unplugWith(Runnable unplug);

    /** The cable is back after an {@code unplug} or {@code cut} fault: what the host sends arrives again. */
    default void pluggedBackIn() {
    }
}
