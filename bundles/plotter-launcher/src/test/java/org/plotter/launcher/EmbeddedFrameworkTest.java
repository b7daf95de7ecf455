package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.plotter.api.ConnectionFactory;
import org.plotter.api.DrawingRenderer;
import org.plotter.api.GcodeTranslator;
import org.plotter.api.PlotterDriver;
import org.plotter.api.SketchCodec;
import org.plotter.api.SketchModelFactory;

/** A real Felix framework with the real distribution's bundles (target/dist/bundle). */
class EmbeddedFrameworkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static EmbeddedFramework framework;

    @BeforeAll
    static void start() throws Exception {
        Path dist = Path.of(System.getProperty("plotter.dist"));
        framework = EmbeddedFramework.start(dist.resolve("bundle"), Path.of(System.getProperty("plotter.home"), "config"));
    }

    @AfterAll
    static void stop() {
        framework.close();
    }

    @Test
    void everyBundleIsActiveAndEveryServiceRegistered() throws Exception {
        for (Bundle bundle : framework.bundles()) {
            assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is " + BundlesCommand.state(bundle.getState()));
        }
        assertTrue(framework.bundles().stream().anyMatch(b -> "org.apache.felix.scr".equals(b.getSymbolicName())));
        assertTrue(framework.bundles().stream().anyMatch(b -> "org.apache.felix.configadmin".equals(b.getSymbolicName())));
        assertTrue(framework.bundles().stream().anyMatch(b -> "org.apache.felix.fileinstall".equals(b.getSymbolicName())));
        assertNotNull(framework.await(SketchModelFactory.class, "(plotter.engine=sketch-rnn)", WAIT));
        assertNotNull(framework.await(GcodeTranslator.class, null, WAIT));
        assertNotNull(framework.await(DrawingRenderer.class, null, WAIT));
        assertNotNull(framework.await(SketchCodec.class, null, WAIT));
        assertNotNull(framework.await(PlotterDriver.class, "(plotter.protocol=grbl)", WAIT));
        assertTrue(framework.await(ConnectionFactory.class, null, WAIT).accepts("sim:"));
    }

    @Test
    void stoppingABundleWithdrawsItsServiceAndStartingItBringsItBack() throws Exception {
        Bundle engine = framework.bundles().stream().filter(b -> "plotter-model-rnn".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertNotNull(framework.await(SketchModelFactory.class, null, WAIT));
        engine.stop();
        try {
            assertNull(framework.context().getServiceReference(SketchModelFactory.class), "the engine's service must go away");
            assertNull(framework.await(SketchModelFactory.class, null, Duration.ofMillis(200)));
        } finally {
            engine.start();
        }
        assertNotNull(framework.await(SketchModelFactory.class, null, WAIT), "and come back");
    }
}
