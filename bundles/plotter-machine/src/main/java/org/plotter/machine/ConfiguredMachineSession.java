package org.plotter.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.ProfileRegistry;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.MachineSession;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine session per factory configuration {@value MachineSession#FACTORY_PID}: the port is opened when
 * first needed and kept open between jobs (an Arduino GRBL that resets when its port opens is reset once,
 * not once a job); one queue thread runs jobs and console commands in the order they were given; events go
 * to the session's listeners and then the job's own, on the driver's thread, in order. A job that lost the
 * port closes it, and the next use opens it again.
 */
@Component(service = MachineSession.class, configurationPid = MachineSession.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredMachineSession.Config.class, factory = true)
public class ConfiguredMachineSession implements MachineSession {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredMachineSession.class);
    /** How long a job left running when the session ends may take to stop safely. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @ObjectClassDefinition(name = "Machine", description = "A plotter on a port, spoken to as its firmware profile says")
    public @interface Config {
        @AttributeDefinition(description = "The port: /dev/ttyUSB0, COM3, sim: ...")
        String port();

        @AttributeDefinition(description = "The firmware profile's name (firmware-profiles/) or a profile file's path")
        String profile() default "grbl-servo";
    }

    @Reference
    private ProfileRegistry profiles;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
    private List<ConnectionFactory> factories;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
    private List<PlotterDriver> drivers;

    private String port;
    private FirmwareProfile profile;
    private ConnectionFactory factory;
    private PlotterDriver driver;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "machine-queue");
        t.setDaemon(true);
        return t;
    });
    private final List<QueuedJob> waiting = new CopyOnWriteArrayList<>();
    /** Owned by the queue thread. */
    private PlotterConnection connection;
    private volatile QueuedJob running;

    public ConfiguredMachineSession() {
    }

    /** A session outside a framework (tests, tools): the same as the component with these references. */
    ConfiguredMachineSession(String port, FirmwareProfile profile, List<ConnectionFactory> factories, List<PlotterDriver> drivers) {
        this.factories = factories;
        this.drivers = drivers;
        resolve(port, profile);
    }

    /** Finds the profile, the port's factory and the protocol's driver at once, so a wrong one is named here. */
    @Activate
    void activate(Config config) {
        resolve(config.port(), profiles.profile(config.profile()));
    }

    private void resolve(String port, FirmwareProfile profile) {
        this.port = port;
        this.profile = profile;
        this.factory = factories.stream().filter(f -> f.accepts(port)).findFirst()
                .orElseThrow(() -> new InvalidInputException("no connection factory takes the port '" + port + "'"));
        this.driver = drivers.stream().filter(d -> d.protocol().equals(profile.protocol().name())).findFirst()
                .orElseThrow(() -> new InvalidInputException("no driver speaks " + profile.protocol().name() + " (profile " + profile.id() + ")"));
    }

    /** The running job is stopped safely, the waiting ones never start, and the port is closed. */
    @Deactivate
    void deactivate() {
        waiting.forEach(QueuedJob::cancel);
        QueuedJob now = running;
        if (now != null) {
            now.cancel();
        }
        queue.shutdown();
        try {
            if (!queue.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("{}: the running job did not stop within {} s", port, STOP_TIMEOUT.toSeconds());
                queue.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public FirmwareProfile profile() {
        return profile;
    }

    @Override
    public PlotJob submit(GcodeProgram program, JobListener listener) {
        QueuedJob job = new QueuedJob(port);
        waiting.add(job);
        queue.execute(() -> {
            waiting.remove(job);
            running = job;
            try {
                job.run(() -> driver.start(openConnection(), program, profile, event -> deliver(event, listener)));
            } finally {
                running = null;
                if (job.lostTheMachine()) {
                    closeConnection(); // opened afresh for the next job or command
                }
            }
        });
        return job;
    }

    @Override
    public int queued() {
        return waiting.size();
    }

    @Override
    public <T> T console(ConsoleCommand<T> command, Duration timeout) throws IOException, InterruptedException {
        Future<T> done = queue.submit(() -> {
            try (MachineConsole console = driver.console(openConnection(), profile, timeout)) {
                return command.run(console);
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            done.cancel(true);
            throw e;
        }
    }

    @Override
    public void addListener(JobListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** One event to everyone, in order: drivers call from more than one thread, so delivery is serialised. */
    private synchronized void deliver(JobEvent event, JobListener own) {
        for (JobListener listener : listeners) {
            listener.onEvent(event);
        }
        own.onEvent(event);
    }

    /** The session's connection, opened now if it is not open. Queue thread only. */
    private PlotterConnection openConnection() throws IOException {
        if (connection == null) {
            connection = factory.open(port, profile.protocol().portSettings());
        }
        return connection;
    }

    private void closeConnection() {
        PlotterConnection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: closing: {}", port, e.getMessage());
            }
        }
    }
}
