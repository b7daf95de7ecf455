package org.plotter.driver.grbl;

import java.time.Duration;
import org.plotter.api.gcode.FirmwareProfile;

/**
 * The bounds on every wait of a GRBL job.
 *
 * @param handshake how long to wait for a banner or a status report before (once) resetting
 * @param statusInterval how often to ask for a status report
 * @param lostReply how long lines may stay unacknowledged while the machine reports Idle
 * @param silence how long the machine may say nothing at all (it answers {@code ?} even when busy)
 * @param stall how long the machine may report Run without moving
 * @param stopStep the bound on each step of a safe stop (hold, reset, pen up)
 */
record GrblTiming(Duration handshake, Duration statusInterval, Duration lostReply, Duration silence, Duration stall, Duration stopStep) {
    static final GrblTiming DEFAULT = new GrblTiming(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(5),
            FirmwareProfile.Protocol.DEFAULT_SILENCE, Duration.ofSeconds(120), Duration.ofSeconds(5));

    /** The default bounds with the profile's silence bound (and a lost-reply bound no longer than it). */
    static GrblTiming of(FirmwareProfile profile) {
        Duration silence = profile.protocol().silence();
        return new GrblTiming(DEFAULT.handshake, DEFAULT.statusInterval, silence.compareTo(DEFAULT.lostReply) < 0 ? silence : DEFAULT.lostReply,
                silence, DEFAULT.stall, DEFAULT.stopStep);
    }
}
