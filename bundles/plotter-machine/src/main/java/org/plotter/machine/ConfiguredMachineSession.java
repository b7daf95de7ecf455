package org.plotter.machine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.plotter.api.gcode.LineHolds;
import org.plotter.api.gcode.ProfileRegistry;
import org.plotter.api.gcode.ProgramReader;
import org.plotter.api.gcode.ProgramResumer;
import org.plotter.api.machine.DurableJob;
import org.plotter.api.machine.DurablePlot;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.JournalledJob;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobListener;
import org.plotter.api.machine.MachineConsole;
import org.plotter.api.machine.MachineSession;
import org.plotter.api.machine.PlotJob;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;
import org.plotter.api.machine.PortInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine session per factory configuration {@value MachineSession#FACTORY_PID}: the port is opened when
 * first needed and kept open between jobs (an Arduino GRBL that resets when its port opens is reset once,
 * not once a job); one queue thread runs jobs and console commands in the order they were given; events go
 * to the session's listeners and then the job's own, on the driver's thread, in order. A job that lost the
 * port closes it, and the next use opens it again: under the same name, or, should the system have renamed
 * it (a USB adapter plugged back in), under the name that now has the USB serial number it had.
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

    /** Finds where an interrupted job stopped in its program, for durable jobs. */
    @Reference
    private ProgramResumer resumer;

    @Reference
    private ProgramReader reader;

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
    private SharedConnection connection;
    /** The machine's USB serial number, learnt when the port first opened, where the system knows it. Queue thread. */
    private Optional<String> serialNumber = Optional.empty();
    private volatile QueuedJob running;

    public ConfiguredMachineSession() {
    }

    /** A session outside a framework (tests, tools): the same as the component with these references. */
    ConfiguredMachineSession(String port, FirmwareProfile profile, List<ConnectionFactory> factories, List<PlotterDriver> drivers,
                             ProgramResumer resumer, ProgramReader reader) {
        this.factories = factories;
        this.drivers = drivers;
        this.resumer = resumer;
        this.reader = reader;
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
        this.driver = driverOf(profile);
    }

    /** The driver that speaks {@code profile}'s protocol, or why there is none. */
    private PlotterDriver driverOf(FirmwareProfile profile) {
        return drivers.stream().filter(d -> d.protocol().equals(profile.protocol().name())).findFirst()
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
        queue.execute(() -> runQueued(job, () -> driver.start(openConnection(), program, profile, event -> deliver(event, listener)),
                QueuedJob.ONE_RUN, ended -> { }));
        return job;
    }

    @Override
    public PlotJob start(JobStarter starter, JobListener listener) throws IOException, InterruptedException {
        QueuedJob job = new QueuedJob(port);
        startNow(job, () -> starter.start(openConnectionSaying(), event -> deliver(event, listener)), QueuedJob.ONE_RUN, ended -> { });
        return job;
    }

    @Override
    public DurableJob plot(GcodeProgram program, DurablePlot plot, JobListener listener) throws IOException, InterruptedException {
        PlotterDriver streamer = driverFor(plot.profile());
        // a machine that ends with this process (the simulator) leaves nothing to resume
        boolean journalled = factory.outlivesProcess(port);
        // a journalled job is sent so that a resume can tell where it stopped
        LineHolds holds = journalled ? resumer.holds(program, plot.profile()) : LineHolds.none();
        Optional<JobJournal> journal = !journalled ? Optional.empty()
                : Optional.of(JobJournal.create(plot.name(), program.lines(), port, plot.profileSource(), serialNumberOf(port), holds));
        Optional<JobContinuation> continuation = journal.map(j -> new JobContinuation(program, plot.profile(), holds, streamer, resumer, reader, j));
        return durable(journal, continuation, plot, listener, (turns, events) -> streamer.start(turns.open(), program, plot.profile(), holds, events));
    }

    @Override
    public DurableJob resume(JournalledJob job, GcodeProgram program, DurablePlot plot, JobListener listener) throws IOException, InterruptedException {
        LineHolds holds = resumer.holds(program, plot.profile());
        JobJournal journal = JobJournal.reopen(job, holds);
        JobContinuation continuation = new JobContinuation(program, plot.profile(), holds, driverFor(plot.profile()), resumer, reader, journal);
        JobContinuation.Interruption interruption = JobContinuation.Interruption.of(job);
        return durable(Optional.of(journal), Optional.of(continuation), plot, listener,
                (turns, events) -> continuation.start(turns, events, interruption));
    }

    private DurableJob durable(Optional<JobJournal> journal, Optional<JobContinuation> continuation, DurablePlot plot, JobListener listener,
                               DurableRun.RunStarter first) throws IOException, InterruptedException {
        QueuedJob queued = new QueuedJob(port);
        DurableRun run = new DurableRun(queued, journal, continuation, plot.reconnectFor(),
                new DurableRun.Port(port, this::openConnectionSaying, this::closeConnection), event -> deliver(event, listener));
        try {
            startNow(queued, run.first(first), run, run::ended);
        } catch (IOException | InterruptedException | RuntimeException e) {
            journal.ifPresent(JobJournal::close); // the job never started: it is not continued
            throw e;
        }
        return run;
    }

    /**
     * Runs {@code job} on the queue thread, started by {@code starter} at once: what it throws is thrown here,
     * once the session is free again (a lost port closed). Refused while another job runs or waits.
     */
    private void startNow(QueuedJob job, QueuedJob.Starter starter, QueuedJob.CarryOn carryOn, Consumer<JobResult> ending)
            throws IOException, InterruptedException {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        synchronized (this) {
            // a job that has ended holds nothing: the queue runs this one after tidying up behind it (a lost port closed)
            QueuedJob now = running;
            if (now != null && !now.ended() || !waiting.isEmpty()) {
                throw new IllegalStateException(port + " is busy with another job");
            }
            waiting.add(job);
        }
        queue.execute(() -> {
            Exception[] failed = {null};
            try {
                runQueued(job, () -> {
                    try {
                        PlotJob started = starter.start();
                        taken.complete(null);
                        return started;
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        failed[0] = e;
                        throw e;
                    }
                }, carryOn, ending);
            } finally {
                if (failed[0] != null) {
                    taken.completeExceptionally(failed[0]); // once the session is free again and a lost port closed
                }
            }
        });
        try {
            taken.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            job.cancel();
            throw e;
        }
    }

    /** Runs {@code job} on the queue thread, as the running one; a job that lost the port leaves it closed, to be opened afresh. */
    private void runQueued(QueuedJob job, QueuedJob.Starter starter, QueuedJob.CarryOn carryOn, Consumer<JobResult> ending) {
        waiting.remove(job);
        running = job;
        try {
            job.run(starter, carryOn, ending);
        } finally {
            running = null;
            if (job.lostTheMachine()) {
                closeConnection(); // opened afresh for the next job or command
            }
        }
    }

    /** The session's driver, or, for a program made for another profile, the driver of its protocol. */
    private PlotterDriver driverFor(FirmwareProfile made) {
        return made.protocol().name().equals(profile.protocol().name()) ? driver : driverOf(made);
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

    /**
     * A turn on the session's connection for the next job or console (the port opened now if it is not open,
     * or opened again if it was lost). Queue thread only.
     */
    private PlotterConnection openConnection() throws IOException {
        if (connection != null && connection.lost()) {
            closeConnection();
        }
        if (connection == null) {
            connection = new SharedConnection(open());
        }
        return connection.lease();
    }

    /** {@link #openConnection}, with a port that will not open said as such. */
    private PlotterConnection openConnectionSaying() throws IOException {
        try {
            return openConnection();
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot open port " + port + ": " + reason, e);
        }
    }

    /** The port, or the port that now has the machine's USB serial number. */
    private PlotterConnection open() throws IOException {
        Map<String, String> settings = profile.protocol().portSettings();
        try {
            PlotterConnection opened = factory.open(port, settings);
            if (serialNumber.isEmpty()) {
                serialNumber = serialNumberOf(port);
            }
            return opened;
        } catch (IOException e) {
            if (serialNumber.isPresent()) {
                for (PortInfo info : factory.ports()) {
                    if (info.serialNumber().equals(serialNumber) && !info.port().equals(port)) {
                        LOG.info("{}: the machine (USB serial number {}) is now on {}", port, serialNumber.get(), info.port());
                        return factory.open(info.port(), settings);
                    }
                }
            }
            throw e;
        }
    }

    /** The USB serial number of {@code name}, where the system knows it: it finds the machine again on another path. */
    private Optional<String> serialNumberOf(String name) {
        return factory.ports().stream().filter(p -> p.port().equals(name)).findFirst().flatMap(PortInfo::serialNumber);
    }

    private void closeConnection() {
        SharedConnection open = connection;
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
