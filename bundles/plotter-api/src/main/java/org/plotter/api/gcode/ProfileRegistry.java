package org.plotter.api.gcode;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The firmware profiles of this installation ({@code firmware-profiles/}), and profile files by path. */
@ProviderType
public interface ProfileRegistry {
    /** Names of the installed profiles, sorted. */
    List<String> names();

    /**
     * An installed profile by name, or a {@code .properties} file by path.
     *
     * @throws org.plotter.api.InvalidInputException naming the file, the field and what is wrong
     */
    FirmwareProfile profile(String nameOrFile);
}
