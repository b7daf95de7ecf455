package org.plotter.api.machine;

import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Speaks one firmware protocol (named by {@link FirmwareProfile#protocol()}) over any connection.
 * Registered with the {@value #PROTOCOL} service property.
 */
@ConsumerType
public interface PlotterDriver {
    String PROTOCOL = "plotter.protocol";

    String protocol();

    /**
     * Starts streaming {@code program} to a machine of {@code profile}; returns at once. Events arrive
     * on a driver thread. The caller keeps ownership of the connection.
     */
    PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener);
}
