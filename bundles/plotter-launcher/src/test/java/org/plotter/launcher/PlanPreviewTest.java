package org.plotter.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.PageSpec;
import org.plotter.api.sketch.Drawing;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** The preview numbers every stroke at its start, in drawing order, in faint marks. */
class PlanPreviewTest {
    /** Segments lit on a seven-segment display for 0..9. */
    private static final int[] LIT = {6, 2, 5, 5, 4, 5, 6, 3, 7, 6};

    @Test
    void everyStrokeIsNumberedAtItsStart() {
        List<Polyline> machine = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            machine.add(new Polyline(List.of(new Point(10 + 10 * i, 10), new Point(10 + 10 * i, 50)), true));
        }
        FirmwareProfile.WorkArea area = new FirmwareProfile.WorkArea(300, 300, FirmwareProfile.WorkArea.Origin.BOTTOM_LEFT, false);
        Drawing preview = PlanPreview.of(new Drawing(300, 300, machine), new PageSpec("A4", 210, 297, 10), area);
        int digits = 0;
        for (int n = 1; n <= 12; n++) {
            for (char c : Integer.toString(n).toCharArray()) {
                digits += LIT[c - '0'];
            }
        }
        // two outlines (bed, page), two axis arrows, the strokes, and the numbers' segments
        assertEquals(2 + 2 + 12 + digits, preview.paths().size());
        assertEquals(12, preview.paths().stream().filter(Polyline::penDown).count(), "only the strokes in ink");
        // the number of stroke 12 sits just above-right of its start, (120, 10) on the machine: y = 290 on the picture
        List<Polyline> marks = preview.paths().subList(preview.paths().size() - LIT[1] - LIT[2], preview.paths().size());
        for (Polyline mark : marks) {
            for (Point p : mark.points()) {
                assertTrue(p.x() > 120 && p.x() < 130 && p.y() < 290 && p.y() > 280, "near the stroke's start: " + p);
            }
        }
    }
}
