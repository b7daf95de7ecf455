package org.plotter.api.gcode;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a G-code program made elsewhere (vpype, Inkscape, a slicer) for a machine of a profile: what it
 * draws, from the profile's pen commands, and what it amounts to, with the same estimate as planned
 * programs. The lines are kept as they are, so line numbers in messages are the file's.
 */
@ConsumerType
public interface ProgramReader {
    /**
     * @throws org.plotter.api.InvalidInputException naming the line, for a program that cannot go to the
     *     machine: not ASCII, a line longer than the controller's receive buffer, or a move outside the
     *     profile's work area
     */
    GcodeProgram read(List<String> lines, FirmwareProfile profile);

    /**
     * How far the pen has drawn (mm, pen down, by the profile's pen commands) once the first {@code i}
     * lines have run, for every {@code i} from 0 to {@code lines.size()}: what a progress report shows as the
     * drawing done. All zero from a reader that cannot tell.
     */
    default double[] drawnAfterLines(List<String> lines, FirmwareProfile profile) {
        return new double[lines.size() + 1];
    }
}
