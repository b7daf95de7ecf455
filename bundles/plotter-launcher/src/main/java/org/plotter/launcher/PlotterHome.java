package org.plotter.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where things are: the distribution ({@code lib/}, {@code bundle/}, {@code deploy/}) and the plotter
 * home ({@code firmware-profiles/}, {@code models/}, {@code config/}). {@code plotter.dist} defaults to
 * the directory above the launcher jar, {@code plotter.home} to the working directory, and
 * {@code plotter.config} (the directory FileInstall watches for {@code .cfg} files) to {@code home/config}.
 */
record PlotterHome(Path dist, Path home, Path configDir, Properties settings) {
    static final String SETTINGS_FILE = "plotter.properties";
    /**
     * Class-path packages bundles always import from the launcher: the API, and libraries that must exist
     * once per process (ND4J's native backend, JavaCPP, SLF4J, jSerialComm's native library).
     */
    static final List<String> DEFAULT_SHARED_PACKAGES = List.of("org.plotter.api", "org.nd4j", "org.bytedeco", "org.slf4j", "com.fazecast.jSerialComm");

    static PlotterHome locate() throws IOException {
        Path dist = System.getProperty("plotter.dist") != null
                ? Path.of(System.getProperty("plotter.dist"))
                : launcherJarDirectory().getParent();
        Path home = Path.of(System.getProperty("plotter.home", ".")).toAbsolutePath().normalize();
        Path config = System.getProperty("plotter.config") != null
                ? Path.of(System.getProperty("plotter.config")).toAbsolutePath().normalize()
                : home.resolve("config");
        return of(dist, home, config);
    }

    static PlotterHome of(Path dist, Path home, Path configDir) throws IOException {
        Properties settings = new Properties();
        Path file = configDir.resolve(SETTINGS_FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                settings.load(in);
            }
        }
        return new PlotterHome(dist, home, configDir, settings);
    }

    private static Path launcherJarDirectory() {
        try {
            return Path.of(PlotterHome.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path bundleDir() {
        return dist.resolve("bundle");
    }

    /** Bundles dropped here (or removed) are installed (or uninstalled) while the runtime runs. */
    Path dropInDir() {
        return resolve(settings.getProperty("bundles.dropin", dist.resolve("deploy").toString()));
    }

    Path profilesDir() {
        return home.resolve("firmware-profiles");
    }

    /** Directories searched for checkpoints: {@code models.path} in plotter.properties, relative to home. */
    List<Path> modelPath() {
        List<Path> dirs = new ArrayList<>();
        for (String part : settings.getProperty("models.path", "models").split("[:;,]")) {
            if (!part.isBlank()) {
                dirs.add(resolve(part.trim()));
            }
        }
        return dirs;
    }

    /**
     * Packages exported from the class path to bundles: the defaults, and any more that
     * {@code framework.system.packages} in plotter.properties names (an older settings file lacking one
     * of the defaults must not break the bundles that need it).
     */
    List<String> sharedPackages() {
        String value = settings.getProperty("framework.system.packages", "");
        return java.util.stream.Stream.concat(DEFAULT_SHARED_PACKAGES.stream(),
                Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())).distinct().toList();
    }

    /** What the bundles read from the framework: where profiles and models are, and how long the runtime lives. */
    Map<String, String> frameworkProperties(boolean longLived) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("plotter.home", home.toString());
        props.put("plotter.profiles.dir", profilesDir().toString());
        props.put("plotter.user.profiles.dir", configDir.resolve("firmware-profiles").toString());
        props.put("plotter.models.path", modelPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        props.put("plotter.runtime", longLived ? "long-lived" : "one-shot");
        return props;
    }

    private Path resolve(String path) {
        return home.resolve(path).normalize();
    }
}
