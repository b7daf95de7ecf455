package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Layer;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Sketch;

/** Layers and refills: pauses with the pen up, where the profile parks, and the drawing unchanged by them. */
class PenChangeTest {
    private final ProfileGcodeTranslator translator = new ProfileGcodeTranslator(new PagePlanner());
    private final FirmwareProfile servo = ProfileFile.read(java.nio.file.Path.of("../../firmware-profiles/grbl-servo.properties"));

    /** A 10 x 10 square at the left of the drawing's coordinates. */
    private static Sketch square() {
        return Sketch.fromStroke3(new float[][] {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {-10, 0, 0}, {0, -10, 1}});
    }

    /** A triangle 30 units to the right of the square, in the same coordinates. */
    private static Sketch triangle() {
        return Sketch.fromStroke3(new float[][] {{30, 0, 0}, {10, 10, 0}, {-20, 0, 0}, {10, -10, 1}});
    }

    /** Both as one sketch: the square's strokes, then the triangle's, in absolute coordinates. */
    private static Sketch both() {
        return Sketch.fromStroke3(new float[][] {
            {0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {-10, 0, 0}, {0, -10, 1},
            {30, 0, 0}, {10, 10, 0}, {-20, 0, 0}, {10, -10, 1}});
    }

    private static List<String> drawnSegments(GcodeReadBack machine, int from, int to) {
        List<String> segments = new ArrayList<>();
        for (GcodeReadBack.Move m : machine.moves.subList(from, to)) {
            if (m.penDown()) {
                // direction-free: optimisation may reverse a stroke
                String a = String.format(Locale.ROOT, "%.2f,%.2f", m.x0(), m.y0()), b = String.format(Locale.ROOT, "%.2f,%.2f", m.x1(), m.y1());
                segments.add(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
            }
        }
        Collections.sort(segments);
        return segments;
    }

    @Test
    void layersAreDrawnInRegisterOneAfterTheOtherWithAPenChangeAtTheOriginBetween() {
        Placement fit = Placement.fit(ProfileGcodeTranslatorTest.a4());
        GcodeProgram layered = translator.translateLayers(List.of(new Layer("black", square()), new Layer("red", triangle())), fit, servo);
        GcodeProgram whole = translator.translate(both(), fit, servo);
        GcodeReadBack machine = GcodeReadBack.run(layered.lines(), servo);
        GcodeReadBack reference = GcodeReadBack.run(whole.lines(), servo);

        assertEquals(drawnSegments(reference, 0, reference.moves.size()), drawnSegments(machine, 0, machine.moves.size()),
                "the layers are fitted together: the same segments as the drawing in one piece");
        assertEquals(1, machine.pauses.size(), "one change, between the two layers");
        GcodeReadBack.Pause change = machine.pauses.get(0);
        assertFalse(change.penDown(), "the pen is up for the change");
        assertEquals(0, change.x(), 1e-9, "parked at the origin");
        assertEquals(0, change.y(), 1e-9, "parked at the origin");
        assertEquals("pen for layer 2 of 2 red", change.message());
        // everything before the pause is the square (4 sides), everything after it the triangle (3)
        assertEquals(4, drawnSegments(machine, 0, change.movesBefore()).size());
        assertEquals(3, drawnSegments(machine, change.movesBefore(), machine.moves.size()).size());
        assertTrue(layered.lines().contains("M0 ; pen for layer 2 of 2 red"), layered.lines().toString());
    }

    @Test
    void aRefillComesBeforeTheStrokeThatWouldPassTheDistanceAndNeverSplitsOne() {
        // ten separate 20 mm strokes, at 1 mm per unit; a refill every 50 mm allows two strokes per fill
        float[][] rows = new float[20][];
        for (int i = 0; i < 10; i++) {
            rows[2 * i] = new float[] {i == 0 ? 10 : -20, i == 0 ? 10 : 5, 0};
            rows[2 * i + 1] = new float[] {20, 0, 1};
        }
        Placement fixed = Placement.at(ProfileGcodeTranslatorTest.a4(), new Point(0, 0), 1);
        FirmwareProfile refills = servo.withPenChange(servo.penChange().every(50));
        GcodeProgram program = translator.translateLayers(List.of(new Layer("", Sketch.fromStroke3(rows))), fixed, refills);
        GcodeReadBack machine = GcodeReadBack.run(program.lines(), refills);

        assertEquals(4, machine.pauses.size(), "2 + 2 + 2 + 2 + 2 strokes: four refills");
        int from = 0;
        for (int i = 0; i <= machine.pauses.size(); i++) {
            int to = i < machine.pauses.size() ? machine.pauses.get(i).movesBefore() : machine.moves.size();
            double drawn = machine.moves.subList(from, to).stream().filter(GcodeReadBack.Move::penDown)
                    .mapToDouble(m -> Math.hypot(m.x1() - m.x0(), m.y1() - m.y0())).sum();
            assertEquals(40, drawn, 1e-6, "two whole strokes between refills");
            from = to;
        }
        assertTrue(machine.pauses.stream().allMatch(p -> !p.penDown() && p.message().equals("refill the pen: 40 mm drawn since the last change")));
        assertEquals(0, program.lines().stream().filter(l -> l.startsWith("M0")).filter(l -> l.length() > 70).count(), "short lines");
    }

    @Test
    void parkedHereThePenWaitsAboveTheLastStrokesEnd() {
        FirmwareProfile here = servo.withPenChange(new FirmwareProfile.PenChange(List.of("M5", "M0"), false, 0));
        Placement fit = Placement.fit(ProfileGcodeTranslatorTest.a4());
        GcodeProgram program = translator.translateLayers(List.of(new Layer("a", square()), new Layer("b", triangle())), fit, here);
        GcodeReadBack machine = GcodeReadBack.run(program.lines(), here);
        GcodeReadBack.Pause change = machine.pauses.get(0);
        GcodeReadBack.Move last = machine.moves.get(change.movesBefore() - 1);
        assertTrue(last.penDown(), "no travel between the last stroke and the change");
        assertEquals(last.x1(), change.x(), 1e-9);
        assertEquals(last.y1(), change.y(), 1e-9);
        int m0 = program.lines().indexOf("M0 ; pen for layer 2 of 2 b");
        assertEquals("M5", program.lines().get(m0 - 1), "every command of the change, in order; the message on the pause");
    }

    @Test
    void anEmptyLayerIsRefusedByName() {
        Sketch dot = Sketch.fromStroke3(new float[][] {{5, 5, 0}, {0.0001f, 0, 1}});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> translator.translateLayers(
                List.of(new Layer("black", both()), new Layer("#ff0000", dot)), Placement.fit(ProfileGcodeTranslatorTest.a4()), servo));
        assertTrue(e.getMessage().contains("layer '#ff0000' has nothing to draw"), e.getMessage());
    }
}
