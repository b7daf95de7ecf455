package org.plotter.sketch.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.sketch.Point;
import org.plotter.api.sketch.Polyline;

/** Hand-made SVGs whose geometry is known: what is drawn, where, and how long, in millimetres. */
class SvgReaderTest {
    private static SvgReader.Result read(String body, String rootAttributes) throws IOException {
        String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" " + rootAttributes + ">" + body + "</svg>";
        return SvgReader.read(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static double length(List<Polyline> strokes) {
        return strokes.stream().mapToDouble(Polyline::length).sum();
    }

    @Test
    void aHundredMillimetreLineIsAHundredMillimetres() throws IOException {
        // the same line three ways: mm user units, a viewBox in cm onto 200 mm, and inches in px user units
        assertEquals(100, length(read("<line x1='10' y1='20' x2='110' y2='20' stroke='black'/>", "width='210mm' height='297mm' viewBox='0 0 210 297'").strokes()), 1e-9);
        assertEquals(100, length(read("<line x1='1' y1='1' x2='11' y2='1'/>", "width='200mm' height='100mm' viewBox='0 0 20 10'").strokes()), 1e-9);
        assertEquals(100, length(read("<path d='M0 0 h377.95276'/>", "width='8.5in' height='11in'").strokes()), 1e-3, "96 px per inch");
        List<Point> line = read("<line x1='10' y1='20' x2='110' y2='20'/>", "width='210mm' height='297mm' viewBox='0 0 210 297'").strokes().get(0).points();
        assertEquals(List.of(new Point(10, 20), new Point(110, 20)), line, "where it is on the page, y down");
    }

    @Test
    void curvesAreFlattenedWithinTheTolerance() throws IOException {
        String mm = "width='100mm' height='100mm' viewBox='0 0 100 100'";
        assertEquals(2 * Math.PI * 20, length(read("<circle cx='50' cy='50' r='20' fill='none'/>", mm).strokes()), 0.05);
        // an arc: Batik approximates it with cubics before flattening; every vertex stays within 0.1 mm of the circle
        List<Point> arc = read("<path d='M30 50 A20 20 0 0 1 70 50'/>", mm).strokes().get(0).points();
        for (Point p : arc) {
            assertEquals(20, Math.hypot(p.x() - 50, p.y() - 50), 0.1, "on the circle: " + p);
        }
        assertEquals(Math.PI * 20, length(List.of(new Polyline(arc, true))), 0.005 * Math.PI * 20, "a half circle");
        assertTrue(arc.stream().allMatch(p -> p.y() <= 50 + 1e-6), "sweep flag 1 is clockwise on the page: from the left point over the top");
        // a cubic Bézier that is really a straight line, and a quadratic one
        assertEquals(40, length(read("<path d='M10 10 C20 10 30 10 50 10'/>", mm).strokes()), 1e-6);
        SvgReader.Result q = read("<path d='M10 10 Q30 50 50 10'/>", mm);
        for (Point p : q.strokes().get(0).points()) {
            assertTrue(p.y() >= 10 - 1e-9 && p.y() <= 30 + 1e-9, "the curve stays within its hull: " + p);
        }
    }

    @Test
    void groupsTransformsAndEveryShape() throws IOException {
        String mm = "width='100mm' height='100mm' viewBox='0 0 100 100'";
        SvgReader.Result r = read("<g transform='translate(10,20)'><g transform='rotate(90)'><line x1='0' y1='0' x2='10' y2='0'/></g></g>", mm);
        List<Point> p = r.strokes().get(0).points();
        assertEquals(10, p.get(0).x(), 1e-9);
        assertEquals(20, p.get(0).y(), 1e-9);
        assertEquals(10, p.get(1).x(), 1e-9);
        assertEquals(30, p.get(1).y(), 1e-9, "rotated onto +y");
        assertEquals(40, length(read("<rect x='10' y='10' width='10' height='10'/>", mm).strokes()), 1e-9, "closed");
        assertEquals(30, length(read("<polyline points='0,0 10,0 10,10 20,10'/>", mm).strokes()), 1e-9);
        assertEquals(40, length(read("<polygon points='0,0 10,0 10,10 0,10'/>", mm).strokes()), 1e-9, "closed");
        double ellipse = length(read("<ellipse cx='50' cy='50' rx='20' ry='10'/>", mm).strokes());
        assertEquals(96.88, ellipse, 0.1, "Ramanujan's perimeter of a 20 x 10 ellipse");
        assertTrue(length(read("<rect x='0' y='0' width='20' height='20' rx='5'/>", mm).strokes()) < 80, "rounded corners cut the square");
    }

    @Test
    void hiddenFillsTextAndDefinitionsAreAccountedFor() throws IOException {
        String mm = "width='100mm' height='100mm' viewBox='0 0 100 100'";
        SvgReader.Result r = read("<defs><path id='x' d='M0 0 L50 50'/></defs>"
                + "<line x1='0' y1='0' x2='10' y2='0' style='display:none'/>"
                + "<g visibility='hidden'><line x1='0' y1='0' x2='10' y2='0'/></g>"
                + "<rect x='0' y='0' width='10' height='10' fill='red'/>"
                + "<text x='0' y='0'>hello</text>", mm);
        assertEquals(1, r.strokes().size(), "only the rectangle is drawn");
        assertEquals(1, r.filledShapes());
        assertEquals(1, r.skippedElements());
    }

    @Test
    void brokenFilesSayWhatIsWrong() {
        String[][] cases = {
            {"<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0 L10 Q'/></svg>", "path"},
            {"<svg xmlns='http://www.w3.org/2000/svg'><g transform='scale(2,'><line x2='1'/></g></svg>", "transform"},
            {"<html/>", "not an SVG file"},
            {"<svg", "not a well-formed SVG file"},
            {"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10'/>", "viewBox"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> SvgReader.read(new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8))));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
