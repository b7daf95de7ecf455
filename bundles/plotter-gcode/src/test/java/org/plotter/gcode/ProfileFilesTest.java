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

/** Every shipped profile reads and plots inside its machine; origins, axes and units mean what the README says. */
class ProfileFilesTest {
    private static final Pattern XY = Pattern.compile("G[01] X(-?[\\d.]+) Y(-?[\\d.]+)");
    private final ProfileGcodeTranslator translator = new ProfileGcodeTranslator(new PagePlanner(false, 0));

    @TempDir
    Path dir;

    static Stream<Path> shippedProfiles() throws IOException {
        return Files.list(Path.of("../../firmware-profiles")).filter(f -> f.toString().endsWith(".properties")).sorted().toList().stream();
    }

    @ParameterizedTest
    @MethodSource("shippedProfiles")
    void everyShippedProfileReadsAndStaysInsideItsMachine(Path file) {
        FirmwareProfile profile = ProfileFile.read(file);
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

    private FirmwareProfile variant(String extra) throws IOException {
        return ProfileFile.read(Files.writeString(dir.resolve("v.properties"),
                Files.readString(Path.of("../../firmware-profiles/generic.properties")) + "\n" + extra));
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
        }) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> variant(c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
