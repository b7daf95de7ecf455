package org.plotter.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sim:speed=N must run N times real time for every N, on a clock that only the sleeps move. */
class PacerTest {
    @ParameterizedTest
    @ValueSource(doubles = {1, 14, 20, 40, 41, 100, 1000})
    void wallTimeIsSimulatedTimeOverSpeed(double speed) throws InterruptedException {
        long[] now = {0};
        Pacer pacer = new Pacer(speed, () -> now[0], nanos -> now[0] += nanos);
        double simulated = 0;
        for (int i = 0; i < 1000; i++) {
            pacer.advance(0.02); // the simulator's slice
            simulated += 0.02;
        }
        assertEquals(simulated / speed, now[0] / 1e9, 1e-6, "wall seconds for " + simulated + " simulated at " + speed + "x");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0})
    void speedZeroNeverSleeps(double speed) throws InterruptedException {
        long[] now = {0};
        Pacer pacer = new Pacer(speed, () -> now[0], nanos -> now[0] += nanos);
        pacer.advance(100);
        assertEquals(0, now[0]);
    }

    @ParameterizedTest
    @ValueSource(doubles = {10})
    void timeHeldIsNotCaughtUpAfterwards(double speed) throws InterruptedException {
        long[] now = {0};
        Pacer pacer = new Pacer(speed, () -> now[0], nanos -> now[0] += nanos);
        pacer.advance(1);
        now[0] += 5_000_000_000L; // a five-second feed hold
        pacer.rebase();
        long before = now[0];
        pacer.advance(1);
        assertEquals(0.1, (now[0] - before) / 1e9, 1e-9, "one simulated second still takes 1/10 s after the hold");
    }
}
