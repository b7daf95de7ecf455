package org.plotter.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeDialect;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Sketch;
import org.plotter.gcode.PagePlanner;
import org.plotter.gcode.PaperSizes;
import org.plotter.gcode.ProfileGcodeTranslator;

/** The translator's time estimate and the simulated machine's motion time agree within 3 %, for servo and Z pens. */
class EstimateAgreementTest {
    private static FirmwareProfile profile(boolean zPen) {
        return new FirmwareProfile("test", "test",
                new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false),
                zPen ? new FirmwareProfile.Pen(List.of("G0 Z5"), List.of("G1 Z-1 F1000"), Duration.ZERO)
                        : new FirmwareProfile.Pen(List.of("M3 S0"), List.of("M3 S30"), Duration.ofMillis(150)),
                FirmwareProfile.PenChange.PAUSE_AT_ORIGIN, org.plotter.api.gcode.PlanOptions.DEFAULT,
                new FirmwareProfile.Motion(3000, 6000, 500, 0.01),
                new FirmwareProfile.Protocol("grbl", 127, Map.of()), GcodeDialect.GRBL);
    }

    /** Wandering strokes with sharp and gentle corners, short and long segments. */
    private static Sketch scribble(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> rows = new ArrayList<>();
        double heading = 0;
        for (int i = 0; i < 400; i++) {
            heading += random.nextDouble(-1.2, 1.2);
            double step = random.nextDouble(0.5, 8);
            rows.add(new float[] {(float) (Math.cos(heading) * step), (float) (Math.sin(heading) * step), i % 40 == 39 ? 1 : 0});
        }
        return Sketch.fromStroke3(rows.toArray(new float[0][]));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void estimateMatchesTheSimulatedMotionTime(boolean zPen) throws Exception {
        FirmwareProfile profile = profile(zPen);
        GcodeProgram program = new ProfileGcodeTranslator(new PagePlanner())
                .translate(scribble(7), Placement.fit(new PaperSizes().page("A4", 10)), profile);
        SimConnection sim = (SimConnection) new SimConnectionFactory().open("sim:");
        try {
            BufferedReader replies = new BufferedReader(new InputStreamReader(sim.input(), StandardCharsets.US_ASCII));
            replies.readLine(); // banner
            for (String line : program.lines()) {
                sim.output().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals("ok", replies.readLine(), line);
            }
            while (!sim.grbl().motion().idle()) {
                Thread.sleep(1);
            }
            double simulated = sim.grbl().motion().record().motionTime().toMillis() / 1000.0;
            double estimated = program.statistics().estimatedTime().toMillis() / 1000.0;
            assertEquals(simulated, estimated, 0.03 * simulated, "estimated " + estimated + " s, simulated " + simulated + " s");
        } finally {
            sim.close();
        }
    }
}
