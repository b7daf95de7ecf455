package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;
import org.plotter.api.gcode.Placement;
import org.plotter.api.sketch.Layer;
import org.plotter.api.sketch.Sketch;

/** Every shipped profile reads and plots inside its machine; origins, axes and units mean what the README says. */
class ProfileFilesTest {
    private static final Pattern XY = Pattern.compile("G[01] X(-?[\\d.]+) Y(-?[\\d.]+)");
    private final ProfileGcodeTranslator translator = new ProfileGcodeTranslator(new PagePlanner());

    @TempDir
    Path dir;

    static Stream<Path> shippedProfiles() throws IOException {
        return Files.list(Path.of("../../firmware-profiles")).filter(f -> f.toString().endsWith(".properties")).sorted().toList().stream();
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void everyShippedProfileReadsAndStaysInsideItsMachine(Path file) {
        FirmwareProfile profile = ProfileGcodeTranslatorTest.asDrawn(ProfileFile.read(file));
        GcodeProgram program = translator.translate(ProfileGcodeTranslatorTest.house(), Placement.fit(new PaperSizes().page("A5", 10)), profile);
        for (String line : program.lines()) {
            Matcher m = XY.matcher(line);
            if (m.find()) {
                double x = Double.parseDouble(m.group(1)), y = Double.parseDouble(m.group(2));
                assertTrue(x >= 0 && y >= 0 && x <= profile.workArea().width() && y <= profile.workArea().height(), file + ": " + line);
            }
        }
        assertTrue(program.lines().containsAll(profile.pen().down()), file.toString());
    }

    /** Every shipped profile, read back by an interpreter: the machine draws exactly the planned strokes, and nothing else. */
    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void theProgramDrawsThePlanAndOnlyThePlan(Path file) {
        FirmwareProfile profile = ProfileGcodeTranslatorTest.asDrawn(ProfileFile.read(file));
        GcodeProgram program = translator.translate(ProfileGcodeTranslatorTest.house(), Placement.fit(new PaperSizes().page("A5", 10)), profile);
        GcodeReadBack machine = GcodeReadBack.run(program.lines(), profile);
        assertEquals(List.of(), machine.problems, file.toString());
        List<String> drawn = new java.util.ArrayList<>(), planned = new java.util.ArrayList<>();
        for (GcodeReadBack.Move m : machine.moves) {
            if (m.penDown()) {
                assertFalse(m.rapid(), "a rapid move with the pen down: " + m);
                drawn.add(segment(m.x0(), m.y0(), m.x1(), m.y1()));
            }
        }
        for (var path : program.planned().paths()) {
            for (int i = 1; path.penDown() && i < path.points().size(); i++) {
                var a = path.points().get(i - 1);
                var b = path.points().get(i);
                planned.add(segment(a.x(), a.y(), b.x(), b.y()));
            }
        }
        assertEquals(planned, drawn, file + ": the pen draws the planned segments, in order");
        GcodeReadBack.Move last = machine.moves.get(machine.moves.size() - 1);
        assertEquals(0, last.x1(), 1e-3, "home at the end");
        assertEquals(0, last.y1(), 1e-3, "home at the end");
        assertFalse(last.penDown(), "the pen ends up");
        int penMoves = 2 * program.statistics().strokes() + 1;
        assertEquals(penMoves * profile.pen().delay().toMillis() / 1000.0, machine.dwellSeconds, 1e-9, "one dwell per pen move");
    }

    /** A segment rounded to the G-code's resolution (µm), unit-independent. */
    private static String segment(double x0, double y0, double x1, double y1) {
        return String.format(java.util.Locale.ROOT, "%.2f,%.2f-%.2f,%.2f", x0, y0, x1, y1);
    }

    private FirmwareProfile variant(String extra) throws IOException {
        return ProfileGcodeTranslatorTest.asDrawn(ProfileFile.read(Files.writeString(dir.resolve("v.properties"),
                Files.readString(Path.of("../../firmware-profiles/generic.properties")) + "\n" + extra)));
    }

    /** The first drawn point of a stroke at the page's top-left area, in machine coordinates. */
    private double[] firstDrawnPoint(FirmwareProfile profile) {
        List<String> lines = translator.translate(ProfileGcodeTranslatorTest.house(), Placement.fit(new PaperSizes().page("A5", 10)), profile).lines();
        for (String line : lines) {
            if (line.startsWith("G0 X") && !line.equals("G0 X0.000 Y0.000")) {
                Matcher m = XY.matcher(line);
                assertTrue(m.find());
                return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
            }
        }
        throw new AssertionError("no travel move in " + lines);
    }

    @Test
    void theOriginCornerAndSwappedAxesPlaceThePageOnTheBed() throws IOException {
        // the house's first stroke starts at its top-left corner, on the page (10 + 0, 10 + offset) mm from the top-left
        double[] bottomLeft = firstDrawnPoint(variant("work.origin=bottom-left"));
        double[] topLeft = firstDrawnPoint(variant("work.origin=top-left"));
        double[] topRight = firstDrawnPoint(variant("work.origin=top-right"));
        double[] swapped = firstDrawnPoint(variant("work.origin=top-left\nwork.swap.axes=true"));
        assertEquals(topLeft[0], bottomLeft[0], 1e-3, "x is the same from the left corners");
        assertEquals(210, bottomLeft[1] + topLeft[1], 1e-3, "y is measured from the other edge of the A5 page");
        assertEquals(148, topLeft[0] + topRight[0], 1e-3, "x is measured from the other edge");
        assertEquals(topLeft[1], swapped[0], 1e-3);
        assertEquals(topLeft[0], swapped[1], 1e-3);
    }

    @Test
    void inchProfilesWriteInches() throws IOException {
        FirmwareProfile inches = variant("gcode.units=in\ngcode.start=G20 G90");
        List<String> lines = translator.translate(ProfileGcodeTranslatorTest.house(), Placement.fit(new PaperSizes().page("A5", 10)), inches).lines();
        assertEquals("G20 G90", lines.get(0));
        double maxX = lines.stream().map(XY::matcher).filter(Matcher::find).mapToDouble(m -> Double.parseDouble(m.group(1))).max().orElseThrow();
        assertEquals((148 - 10) / 25.4, maxX, 1e-3, "the right margin of an A5 page, in inches");
        assertTrue(lines.stream().anyMatch(l -> l.contains(" F118.1")), "3000 mm/min is 118.1 in/min");
        InvalidInputException mismatch = assertThrows(InvalidInputException.class, () -> variant("gcode.units=in"));
        assertTrue(mismatch.getMessage().contains("'gcode.start' must select the profile's units with G20"), mismatch.getMessage());
    }

    @Test
    void badNewFieldsAreNamed() {
        for (String[] c : new String[][] {
            {"work.origin=middle", "'work.origin' must be bottom-left"},
            {"work.swap.axes=maybe", "'work.swap.axes' must be true or false"},
            {"motion.acceleration=0", "'motion.acceleration' must be positive"},
            {"gcode.units=furlongs", "'gcode.units' must be mm or in"},
            {"pen.change.park=garage", "'pen.change.park' must be origin or here"},
            {"pen.change.every.mm=-5", "'pen.change.every.mm' must not be negative"},
            {"pen.change=;", "'pen.change' needs at least one command"},
            {"protocol.homing=sometimes", "'protocol.homing' must be true or false"},
            {"plan.order=random", "'plan.order' must be as-drawn, greedy or improved"},
            {"serial.baud=fast", "'serial.baud' must be a whole number above 0"},
            {"protocol.window=0", "'protocol.window' must be a whole number above 0"},
            {"serial.dtr=maybe", "'serial.dtr' must be on or off"},
            {"protocol.streaming=fast", "'protocol.streaming' must be character-counting or send-response"},
            {"plan.merge.mm=-1", "'plan.merge.mm' must not be negative"},
        }) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> variant(c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    /**
     * The exact program for a small two-layer drawing (the house, its door in a second pen) per shipped
     * profile, against a reviewed file in {@code src/test/resources/golden/}: any change to what reaches a
     * machine shows up here. {@code -Dgolden.update=true} rewrites the files (then review the diff).
     */
    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void theProgramMatchesItsGoldenFile(Path file) throws IOException {
        FirmwareProfile profile = ProfileFile.read(file);
        Sketch walls = Sketch.fromStroke3(new float[][] {{0, 0, 0}, {40, 0, 0}, {0, 20, 0}, {-40, 0, 0}, {0, -20, 1}, {0, 0, 0}, {20, -10, 0}, {20, 10, 1}});
        Sketch door = Sketch.fromStroke3(new float[][] {{15, 20, 0}, {0, -8, 0}, {5, 0, 0}, {0, 8, 1}});
        GcodeProgram program = new ProfileGcodeTranslator(new PagePlanner()).translateLayers(
                List.of(new Layer("walls", walls), new Layer("door", door)), Placement.fit(new PaperSizes().page("A6", 10)), profile);
        String text = String.join("\n", program.lines()) + "\n";
        Path golden = Path.of("src/test/resources/golden", ProfileFile.id(file) + ".gcode");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, text);
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + ": run once with -Dgolden.update=true and review it");
        assertEquals(Files.readString(golden), text, file + " against " + golden);
    }
}
