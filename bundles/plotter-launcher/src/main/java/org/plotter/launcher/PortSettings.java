package org.plotter.launcher;

import java.util.HashMap;
import java.util.Map;
import org.plotter.api.gcode.FirmwareProfile;

/** What a port is opened with: the profile's port and protocol settings, and the protocol's name. */
final class PortSettings {
    /** The key under which the protocol's name goes: the simulator becomes that firmware. */
    static final String PROTOCOL = "protocol";

    private PortSettings() {}

    static Map<String, String> of(FirmwareProfile profile) {
        Map<String, String> settings = new HashMap<>(profile.protocol().settings());
        settings.put(PROTOCOL, profile.protocol().name());
        return Map.copyOf(settings);
    }
}
