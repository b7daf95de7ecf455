package org.plotter.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where things are: the distribution ({@code lib/}, {@code bundle/}, {@code conf/}) and the plotter
 * home ({@code firmware-profiles/}, {@code models/}, {@code config/}). {@code plotter.dist} defaults to
 * the directory above the launcher jar, {@code plotter.home} to the working directory.
 */
record PlotterHome(Path dist, Path home, Properties settings) {
    static final String SETTINGS_FILE = "plotter.properties";
    private static final String CONFIG_DIR = "config";

    static PlotterHome locate() throws IOException {
        Path dist = System.getProperty("plotter.dist") != null
                ? Path.of(System.getProperty("plotter.dist"))
                : launcherJarDirectory().getParent();
        Path home = Path.of(System.getProperty("plotter.home", ".")).toAbsolutePath().normalize();
        Properties settings = new Properties();
        Path file = home.resolve(CONFIG_DIR).resolve(SETTINGS_FILE);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                settings.load(in);
            }
        }
        return new PlotterHome(dist, home, settings);
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

    Path configDir() {
        return home.resolve(CONFIG_DIR);
    }

    Path profilesDir() {
        return home.resolve("firmware-profiles");
    }

    /** Directories searched for checkpoints: {@code models.path} in plotter.properties, relative to home. */
    List<Path> modelPath() {
        List<Path> dirs = new ArrayList<>();
        for (String part : settings.getProperty("models.path", "models").split("[:;,]")) {
            if (!part.isBlank()) {
                dirs.add(home.resolve(part.trim()).normalize());
            }
        }
        return dirs;
    }
}
