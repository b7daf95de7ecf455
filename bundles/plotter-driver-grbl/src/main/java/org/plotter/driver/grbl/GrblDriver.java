package org.plotter.driver.grbl;

import org.osgi.service.component.annotations.Component;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;

/** The GRBL 1.1 protocol over any connection (serial port or simulator). */
@Component(service = PlotterDriver.class, property = PlotterDriver.PROTOCOL + "=" + GrblDriver.PROTOCOL)
public class GrblDriver implements PlotterDriver {
    static final String PROTOCOL = "grbl";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public PlotJob start(PlotterConnection connection, GcodeProgram program, FirmwareProfile profile, JobListener listener) {
        GrblStreamer streamer = new GrblStreamer(connection, program, profile, GrblStreamer.Timing.DEFAULT, listener);
        streamer.start();
        return streamer;
    }
}
