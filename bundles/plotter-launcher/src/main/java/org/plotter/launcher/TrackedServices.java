package org.plotter.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Services the launcher uses, each held through a {@link ServiceTracker} that stays open until
 * {@link #close}: a service object handed out is in use (Declarative Services keeps its component
 * active) for as long as the session that asked for it, and is released exactly once at the end.
 */
final class TrackedServices implements AutoCloseable {
    private final BundleContext context;
    private final Map<String, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();

    TrackedServices(BundleContext context) {
        this.context = context;
    }

    @SuppressWarnings("unchecked")
    private <T> ServiceTracker<T, T> tracker(Class<T> type, String filter) {
        return (ServiceTracker<T, T>) trackers.computeIfAbsent(type.getName() + filter, k -> {
            ServiceTracker<T, T> tracker;
            try {
                tracker = filter == null
                        ? new ServiceTracker<>(context, type, null)
                        : new ServiceTracker<>(context, FrameworkUtil.createFilter(
                                "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + filter + ")"), null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException("bad service filter " + filter, e);
            }
            tracker.open();
            return tracker;
        });
    }

    /** The best-ranked service of {@code type} matching {@code filter}, waiting up to {@code wait} for one. */
    <T> Optional<T> find(Class<T> type, String filter, Duration wait) throws InterruptedException {
        return Optional.ofNullable(tracker(type, filter).waitForService(Math.max(1, wait.toMillis())));
    }

    /** Every service of {@code type} registered now, best-ranked first. */
    <T> List<T> all(Class<T> type) {
        ServiceTracker<T, T> tracker = tracker(type, null);
        ServiceReference<T>[] refs = tracker.getServiceReferences();
        List<T> services = new ArrayList<>();
        if (refs != null) {
            Arrays.sort(refs, java.util.Collections.reverseOrder());
            for (ServiceReference<T> ref : refs) {
                T service = tracker.getService(ref);
                if (service != null) {
                    services.add(service);
                }
            }
        }
        return services;
    }

    @Override
    public void close() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}
