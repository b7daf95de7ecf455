package org.plotter.gcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.ProfileRegistry;

/**
 * The installed firmware profiles: one {@code .properties} file per machine family in the profile
 * directory (configuration {@code directory}, else the framework property {@value #DIRECTORY_PROPERTY}
 * that the launcher sets to the installation's {@code firmware-profiles/}). Files are read on each
 * request, so an edited profile applies to the next job.
 */
@Component(service = ProfileRegistry.class, configurationPid = FirmwareProfiles.PID)
@Designate(ocd = FirmwareProfiles.Config.class)
public class FirmwareProfiles implements ProfileRegistry {
    static final String PID = "org.plotter.gcode.profiles";
    static final String DIRECTORY_PROPERTY = "plotter.profiles.dir";

    @ObjectClassDefinition(name = "Firmware profiles")
    public @interface Config {
        @AttributeDefinition(description = "Directory of profile .properties files; empty: the installation's firmware-profiles/")
        String directory() default "";
    }

    private volatile Path directory;

    @Activate
    @Modified
    void activate(BundleContext context, Config config) {
        String dir = config.directory().isBlank() ? context.getProperty(DIRECTORY_PROPERTY) : config.directory();
        directory = Path.of(dir == null ? "firmware-profiles" : dir).toAbsolutePath().normalize();
    }

    @Override
    public List<String> names() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(ProfileFile.SUFFIX))
                    .map(n -> n.substring(0, n.length() - ProfileFile.SUFFIX.length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public FirmwareProfile profile(String nameOrFile) {
        Path file = nameOrFile.endsWith(ProfileFile.SUFFIX) ? Path.of(nameOrFile) : directory.resolve(nameOrFile + ProfileFile.SUFFIX);
        if (!nameOrFile.endsWith(ProfileFile.SUFFIX) && (nameOrFile.isBlank() || nameOrFile.contains("/") || nameOrFile.contains("\\"))) {
            throw new InvalidInputException("unknown firmware profile '" + nameOrFile + "' (available: " + String.join(", ", names()) + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(nameOrFile.endsWith(ProfileFile.SUFFIX)
                    ? "profile file " + file + " does not exist or is not a regular file"
                    : "unknown firmware profile '" + nameOrFile + "' (available: " + String.join(", ", names()) + ")");
        }
        return ProfileFile.read(file);
    }
}
