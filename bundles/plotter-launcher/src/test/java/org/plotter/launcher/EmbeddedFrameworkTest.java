package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.GcodeTranslator;
import org.plotter.api.gcode.PageCatalog;
import org.plotter.api.gcode.PlotPlanner;
import org.plotter.api.gcode.PlotStatistics;
import org.plotter.api.gcode.ProfileRegistry;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.JobEvent;
import org.plotter.api.machine.JobResult;
import org.plotter.api.machine.DurableJob;
import org.plotter.api.machine.DurablePlot;
import org.plotter.api.machine.JobJournals;
import org.plotter.api.machine.MachineSession;
import org.plotter.api.machine.MachineSessions;
import org.plotter.api.machine.PlotterConnection;
import org.plotter.api.machine.PlotterDriver;
import org.plotter.api.model.ModelRegistry;
import org.plotter.api.model.SketchModelFactory;
import org.plotter.api.render.DrawingRenderer;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.SketchCodec;

/** A real Felix framework with the real distribution's bundles (target/dist/bundle) and a private config. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedFrameworkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private EmbeddedFramework start(Path bundles, Path config, Path dropIn) throws Exception {
        return EmbeddedFramework.start(bundles, config, dropIn, PlotterHome.DEFAULT_SHARED_PACKAGES,
                Map.of("plotter.models.path", "", "plotter.profiles.dir", TestHome.HOME.resolve("firmware-profiles").toString()));
    }

    @Test
    void everyBundleIsActiveAndEveryServiceRegisteredWithItsDistinguishingProperty() throws Exception {
        Path config = TestHome.copyConfig(Files.createDirectory(temp.resolve("config")));
        try (EmbeddedFramework framework = start(TestHome.DIST.resolve("bundle"), config, temp.resolve("deploy"));
             TrackedServices services = new TrackedServices(framework.context())) {
            for (Bundle bundle : framework.bundles()) {
                assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is " + BundlesCommand.state(bundle.getState()));
            }
            for (String name : List.of("org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.fileinstall", "plotter-models")) {
                assertTrue(framework.bundles().stream().anyMatch(b -> name.equals(b.getSymbolicName())), name);
            }
            assertTrue(services.find(SketchModelFactory.class, "(plotter.engine=sketch-rnn)", WAIT).isPresent());
            assertTrue(services.find(GcodeTranslator.class, "(plotter.translator=profile)", WAIT).isPresent());
            assertTrue(services.find(PlotPlanner.class, "(plotter.planner=page)", WAIT).isPresent());
            assertTrue(services.find(DrawingRenderer.class, "(plotter.render.formats=svg,png,gif)", WAIT).isPresent());
            assertTrue(services.find(org.plotter.api.model.SketchTrainer.class, "(plotter.engine=sketch-rnn)", WAIT).isPresent());
            assertTrue(services.find(SketchCodec.class, "(plotter.sketch.format=stroke-3-json)", WAIT).isPresent());
            assertTrue(services.find(PlotterDriver.class, "(plotter.protocol=grbl)", WAIT).isPresent());
            assertTrue(services.find(ConnectionFactory.class, "(plotter.port.scheme=sim)", WAIT).orElseThrow().accepts("sim:"));
            assertTrue(services.find(ModelRegistry.class, null, WAIT).isPresent());
            assertTrue(services.find(PageCatalog.class, null, WAIT).isPresent());
            assertEquals(List.of("fluidnc", "generic", "grbl-laser", "grbl-servo", "grbl-z", "marlin-servo", "marlin-z"),
                    services.find(ProfileRegistry.class, null, WAIT).orElseThrow().names());
        }
    }

    /** FileInstall's write-back emptied configuration files at start; nothing may ever write them. */
    @Test
    void configurationFilesAreAppliedAndNeverWritten() throws Exception {
        Path config = Files.createDirectory(temp.resolve("config"));
        Path cfg = Files.writeString(config.resolve("org.plotter.driver.sim.cfg"), "# a user's comment, and the key as the methods spell it\ntravel_x=50\ntravel.y = 60\n");
        byte[] original = Files.readAllBytes(cfg);
        for (int run = 0; run < 6; run++) {
            try (EmbeddedFramework framework = start(TestHome.DIST.resolve("bundle"), config, temp.resolve("deploy"));
                 TrackedServices services = new TrackedServices(framework.context())) {
                ConnectionFactory sim = services.find(ConnectionFactory.class, "(plotter.port.scheme=sim)", WAIT).orElseThrow();
                assertEquals("50.000", simSetting(sim, "$130"), "run " + run + ": the configuration reached the simulator");
            }
            assertArrayEquals(original, Files.readAllBytes(cfg), "run " + run + ": the file was rewritten");
            try (Stream<Path> files = Files.list(config)) {
                assertEquals(1, files.count(), "no files added to the configuration directory");
            }
        }
    }

    private static String simSetting(ConnectionFactory sim, String key) throws Exception {
        try (PlotterConnection c = sim.open("sim:")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.US_ASCII));
            in.readLine(); // banner
            c.output().write("$$\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.equals("ok"); line = in.readLine()) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
            return null;
        }
    }

    /**
     * A machine configured by a file (FileInstall turns {@code org.plotter.machine-NAME.cfg} into a factory
     * configuration, ConfigAdmin hands it to SCR): its session runs a job on the simulator and answers a
     * console command on the same connection; the file removed, the session goes.
     */
    @Test
    void aMachineConfiguredByAFileGetsASessionThatPlotsAndGoesWithTheFile() throws Exception {
        Path config = TestHome.copyConfig(Files.createDirectory(temp.resolve("config")));
        Path machine = Files.writeString(config.resolve(MachineSession.FACTORY_PID + "-desk.cfg"), "port=sim:\nprofile=grbl-servo\n");
        try (EmbeddedFramework framework = start(TestHome.DIST.resolve("bundle"), config, temp.resolve("deploy"));
             TrackedServices services = new TrackedServices(framework.context())) {
            MachineSession session = services.find(MachineSession.class, "(port=sim:)", WAIT).orElseThrow();
            assertEquals("grbl-servo", session.profile().id());
            List<String> lines = List.of("G21 G90", "M3 S0", "G0 X10 Y10", "M3 S30", "G1 X40 Y10 F3000", "G1 X40 Y30", "M3 S0", "G0 X5 Y5");
            JobResult result = session.submit(new GcodeProgram(lines, new Drawing(1, 1, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO)),
                    e -> { }).await(WAIT);
            assertEquals(JobResult.Outcome.COMPLETED, result.outcome(), String.valueOf(result));
            JobEvent.Status status = session.console(console -> console.status(WAIT), WAIT);
            assertEquals(5.0, status.x(), 0.01, "the console talks to the machine the job left at (5, 5)");
            // what a kiosk does: a durable plot through the session service (the in-process simulator keeps no journal)
            List<JobEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            DurableJob durable = session.plot(new GcodeProgram(lines, new Drawing(1, 1, List.of()), new PlotStatistics(0, 0, 0, 0, Duration.ZERO)),
                    new DurablePlot("desk", session.profile(), "grbl-servo", Duration.ofSeconds(30)), events::add);
            assertEquals(JobResult.Outcome.COMPLETED, durable.await(WAIT).outcome());
            assertTrue(durable.journal().isEmpty(), "nothing to resume on the in-process simulator");
            assertTrue(events.get(events.size() - 1) instanceof JobEvent.Finished, String.valueOf(events));
            assertTrue(services.find(JobJournals.class, null, WAIT).isPresent(), "the journals, for 'plotter resume'");
            MachineSessions opener = services.find(MachineSessions.class, null, WAIT).orElseThrow();
            try (MachineSessions.Lease lease = opener.open("sim:", "grbl-servo")) {
                assertEquals(5.0, lease.session().console(console -> console.status(WAIT), WAIT).x(), 0.01,
                        "a command on a configured port goes through its session, to the same machine");
            }
            try (MachineSessions.Lease own = opener.open("sim:speed=0", "grbl-servo")) {
                assertEquals(0.0, own.session().console(console -> console.status(WAIT), WAIT).x(), 0.01, "another port: a session of its own");
            }
            assertEquals(5.0, session.console(console -> console.status(WAIT), WAIT).x(), 0.01, "the configured session outlives the lease");
            Files.delete(machine);
            waitFor(() -> framework.context().getServiceReference(MachineSession.class) == null, "the session to go with its file");
        }
    }

    /** A service handed out stays in use (and its component active) until the session lets it go. */
    @Test
    void servicesAreHeldWhileUsedAndReleasedOnClose() throws Exception {
        Path config = TestHome.copyConfig(Files.createDirectory(temp.resolve("config")));
        try (EmbeddedFramework framework = start(TestHome.DIST.resolve("bundle"), config, temp.resolve("deploy"))) {
            ServiceReference<GcodeTranslator> ref = framework.context().getServiceReference(GcodeTranslator.class);
            TrackedServices services = new TrackedServices(framework.context());
            assertTrue(services.find(GcodeTranslator.class, null, WAIT).isPresent());
            Bundle[] users = ref.getUsingBundles();
            assertNotNull(users, "the translator must be in use while the session holds it");
            assertEquals(0, users[0].getBundleId(), "used by the launcher (the system bundle)");
            services.close();
            assertEquals(null, ref.getUsingBundles(), "released when the session closes");
        }
    }

    /** One running framework: an engine bundle dropped in appears, removed it goes, without a restart. */
    @Test
    void bundlesDroppedInOrRemovedTakeEffectWithoutARestart() throws Exception {
        Path config = TestHome.copyConfig(Files.createDirectory(temp.resolve("config")));
        Path bundles = Files.createDirectory(temp.resolve("bundle"));
        Path engineJar = null;
        try (Stream<Path> jars = Files.list(TestHome.DIST.resolve("bundle"))) {
            for (Path jar : jars.toList()) {
                if (jar.getFileName().toString().startsWith("plotter-model-rnn")) {
                    engineJar = jar;
                } else {
                    Files.copy(jar, bundles.resolve(jar.getFileName()));
                }
            }
        }
        assertNotNull(engineJar);
        Path dropIn = temp.resolve("deploy");
        try (EmbeddedFramework framework = start(bundles, config, dropIn);
             TrackedServices services = new TrackedServices(framework.context())) {
            ModelRegistry registry = services.find(ModelRegistry.class, null, WAIT).orElseThrow();
            assertEquals(List.of(), registry.engines());
            Path dropped = Files.copy(engineJar, dropIn.resolve(engineJar.getFileName()));
            waitFor(() -> registry.engines().equals(List.of("sketch-rnn")), "the dropped-in engine to appear");
            Files.delete(dropped);
            waitFor(() -> registry.engines().isEmpty(), "the removed engine to go");
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
