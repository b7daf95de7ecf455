package org.plotter.driver.sim;

/** A simulated controller: the protocol it speaks over the bytes it receives, the motion it executes. */
interface VirtualMachine {
    /** A byte from the host. */
    void receive(int b);

    MotionSimulator motion();

    void shutdown();
}
