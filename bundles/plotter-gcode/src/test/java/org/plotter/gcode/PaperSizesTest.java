package org.plotter.gcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.PageSpec;

class PaperSizesTest {
    private final PaperSizes paper = new PaperSizes();

    private void assertSize(String spec, double width, double height) {
        PageSpec page = paper.page(spec, 0);
        assertEquals(width, page.width(), 1e-9, spec);
        assertEquals(height, page.height(), 1e-9, spec);
    }

    @Test
    void namedSizesPortraitAndLandscape() {
        assertSize("A2", 420, 594);
        assertSize("a6", 105, 148);
        assertSize("Legal", 215.9, 355.6);
        assertSize("letter-landscape", 279.4, 215.9);
        assertSize("A4-LANDSCAPE", 297, 210);
    }

    @Test
    void customSizesInMillimetresCentimetresAndInches() {
        assertSize("300x200", 300, 200);
        assertSize("30x20cm", 300, 200);
        assertSize("8.5x11in", 215.9, 279.4);
        assertSize("8.5 x 11 in", 215.9, 279.4);
        assertSize("100x50mm-landscape", 50, 100);
    }

    @Test
    void nonsenseIsRefusedWithTheFormsThatWork() {
        for (String bad : new String[] {"B7", "10x", "x10", "10x10ft", "-5x10", "0x10"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> paper.page(bad, 0), bad);
            assertTrue(e.getMessage().contains("page") || e.getMessage().contains("positive"), e.getMessage());
        }
    }
}
