package org.plotter.gcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
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
 * The firmware profiles: one {@code .properties} file per machine family, the user's own in
 * {@code CONFIG/firmware-profiles/} (framework property {@value #USER_DIRECTORY_PROPERTY}) first, then
 * the installed ones (configuration {@code directory}, else the framework property
 * {@value #DIRECTORY_PROPERTY} that the launcher sets to the installation's {@code firmware-profiles/}).
 * A user profile of the same name replaces the installed one. Files are read on each request, so an
 * edited profile applies to the next job.
 */
@Component(service = ProfileRegistry.class, configurationPid = FirmwareProfiles.PID)
@Designate(ocd = FirmwareProfiles.Config.class)
public class FirmwareProfiles implements ProfileRegistry {
    static final String PID = "org.plotter.gcode.profiles";
    static final String DIRECTORY_PROPERTY = "plotter.profiles.dir";
    static final String USER_DIRECTORY_PROPERTY = "plotter.user.profiles.dir";

    @ObjectClassDefinition(name = "Firmware profiles")
    public @interface Config {
        @AttributeDefinition(description = "Directory of profile .properties files; empty: the installation's firmware-profiles/")
        String directory() default "";
    }

    /** The user's directory first, then the installed one. */
    private volatile List<Path> directories = List.of();

    @Activate
    @Modified
    void activate(BundleContext context, Config config) {
        String dir = config.directory().isBlank() ? context.getProperty(DIRECTORY_PROPERTY) : config.directory();
        String user = context.getProperty(USER_DIRECTORY_PROPERTY);
        List<Path> dirs = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            dirs.add(Path.of(user).toAbsolutePath().normalize());
        }
        dirs.add(Path.of(dir == null ? "firmware-profiles" : dir).toAbsolutePath().normalize());
        directories = List.copyOf(dirs);
    }

    @Override
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(ProfileFile.SUFFIX))
                        .forEach(n -> names.add(n.substring(0, n.length() - ProfileFile.SUFFIX.length())));
            } catch (IOException e) {
                // an unreadable directory has no profiles to offer
            }
        }
        return List.copyOf(names);
    }

    @Override
    public FirmwareProfile profile(String nameOrFile) {
        Path file = nameOrFile.endsWith(ProfileFile.SUFFIX) ? Path.of(nameOrFile) : installed(nameOrFile);
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

    /** The named profile's file: the user's if there is one, else the installed one (which may not exist). */
    private Path installed(String name) {
        for (Path directory : directories) {
            Path file = directory.resolve(name + ProfileFile.SUFFIX);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return directories.get(directories.size() - 1).resolve(name + ProfileFile.SUFFIX);
    }
}
