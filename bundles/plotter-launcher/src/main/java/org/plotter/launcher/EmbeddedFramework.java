package org.plotter.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Felix framework inside this process. Every jar of the distribution's bundle directory is
 * installed and started (SCR, ConfigAdmin, FileInstall and the plotter bundles). FileInstall watches the
 * configuration directory for {@code .cfg} files and the drop-in directory for bundles, installing,
 * updating and removing them while the framework runs; it never writes a configuration file back.
 * {@link #start} returns once the configurations present at start are applied. The bundle cache is
 * private to this run and removed on close, so concurrent runs never share state.
 */
final class EmbeddedFramework implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFramework.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long configurations present at start may take to reach their components. */
    private static final Duration CONFIG_TIMEOUT = Duration.ofSeconds(5);
    private static final String FILEINSTALL_POLL_MILLIS = "500";

    private final Framework framework;
    private final Path storage;

    private EmbeddedFramework(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * @param sharedPackages package prefixes exported from the class path (the API, ND4J, SLF4J)
     * @param properties further framework properties the bundles read
     */
    static EmbeddedFramework start(Path bundleDir, Path configDir, Path dropInDir, List<String> sharedPackages,
                                   Map<String, String> properties) throws IOException, BundleException {
        if (!Files.isDirectory(bundleDir)) {
            throw new IOException("bundle directory " + bundleDir + " does not exist: is the distribution built?");
        }
        Files.createDirectories(dropInDir);
        Path storage = Files.createTempDirectory("plotter-felix-");
        Map<String, String> props = new HashMap<>(properties);
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.exports(sharedPackages) + SystemPackages.incubatingVectorApi());
        props.put("felix.fileinstall.dir", configDir.toAbsolutePath() + "," + dropInDir.toAbsolutePath());
        props.put("felix.fileinstall.filter", ".*\\.(cfg|jar)");
        // FileInstall's default writes configurations back to their files, and has been seen to empty them
        props.put("felix.fileinstall.enableConfigSave", "false");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.poll", FILEINSTALL_POLL_MILLIS);
        props.put("felix.fileinstall.log.level", "1");
        props.put("felix.log.level", "1");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        EmbeddedFramework embedded = new EmbeddedFramework(framework, storage);
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            try (Stream<Path> jars = Files.list(bundleDir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    installed.add(context.installBundle(jar.toUri().toString()));
                }
            }
            framework.start();
            for (Bundle bundle : installed) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
            embedded.awaitConfigurations(configDir);
        } catch (IOException | BundleException | RuntimeException e) {
            embedded.close();
            throw e;
        } catch (InterruptedException e) {
            embedded.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the framework", e);
        }
        return embedded;
    }

    /**
     * FileInstall applies {@code .cfg} files on its own thread: wait (bounded) until a service carries
     * each file's PID, so no command runs with a component's defaults and is then reconfigured under it.
     */
    private void awaitConfigurations(Path configDir) throws IOException, InterruptedException {
        List<String> pids;
        try (Stream<Path> files = Files.list(configDir)) {
            pids = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".cfg"))
                    .map(n -> n.substring(0, n.length() - ".cfg".length())).sorted().toList();
        }
        long started = System.nanoTime();
        long deadline = started + CONFIG_TIMEOUT.toNanos();
        for (String pid : pids) {
            String filter = pid.contains("-")
                    ? "(service.factoryPid=" + pid.substring(0, pid.indexOf('-')) + ")"
                    : "(service.pid=" + pid + ")";
            while (!hasService(filter) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!hasService(filter)) {
                LOG.debug("configuration {} is not used by any component", pid);
            }
        }
        LOG.debug("configurations {} applied after {} ms", pids, (System.nanoTime() - started) / 1_000_000);
    }

    private boolean hasService(String filter) {
        try {
            return context().getServiceReferences((String) null, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    List<Bundle> bundles() {
        return List.of(context().getBundles());
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT.toMillis());
        } catch (BundleException e) {
            LOG.warn("stopping the framework: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove the bundle cache {}: {}", storage, e.getMessage());
        }
    }
}
