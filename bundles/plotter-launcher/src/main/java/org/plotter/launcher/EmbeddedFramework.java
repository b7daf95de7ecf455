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
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Felix framework inside this process: every jar of the distribution's bundle directory is
 * installed and started (SCR, ConfigAdmin, FileInstall and the plotter bundles); FileInstall applies
 * the {@code .cfg} files of the configuration directory. The bundle cache is private to this run and
 * removed on close, so concurrent runs never share state.
 */
final class EmbeddedFramework implements AutoCloseable {
    /** Class-path packages that bundles import from the launcher. */
    static final List<String> SHARED_PACKAGES = List.of("org.plotter.api", "org.nd4j", "org.bytedeco", "org.slf4j");
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFramework.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Framework framework;
    private final Path storage;

    private EmbeddedFramework(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    static EmbeddedFramework start(Path bundleDir, Path configDir) throws IOException, BundleException {
        if (!Files.isDirectory(bundleDir)) {
            throw new IOException("bundle directory " + bundleDir + " does not exist: is the distribution built?");
        }
        Path storage = Files.createTempDirectory("plotter-felix-");
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.exports(SHARED_PACKAGES) + SystemPackages.incubatingVectorApi());
        props.put("felix.fileinstall.dir", configDir.toAbsolutePath().toString());
        props.put("felix.fileinstall.filter", ".*\\.cfg");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.poll", "1000");
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
        } catch (IOException | BundleException | RuntimeException e) {
            embedded.close();
            throw e;
        }
        return embedded;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    List<Bundle> bundles() {
        return List.of(context().getBundles());
    }

    /** Waits up to {@code timeout} for a service (DS activates components asynchronously). */
    <T> T await(Class<T> type, String filter, Duration timeout) throws InterruptedException {
        ServiceTracker<T, T> tracker;
        try {
            tracker = filter == null
                    ? new ServiceTracker<>(context(), type, null)
                    : new ServiceTracker<>(context(), FrameworkUtil.createFilter(
                            "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + filter + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad service filter " + filter, e);
        }
        tracker.open();
        try {
            return tracker.waitForService(timeout.toMillis());
        } finally {
            tracker.close();
        }
    }

    /** Every registered service of {@code type}, after waiting up to {@code timeout} for the first. */
    <T> List<T> all(Class<T> type, Duration timeout) throws InterruptedException {
        await(type, null, timeout);
        List<T> services = new ArrayList<>();
        try {
            for (ServiceReference<T> ref : context().getServiceReferences(type, null)) {
                T service = context().getService(ref);
                if (service != null) {
                    services.add(service);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        return services;
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
