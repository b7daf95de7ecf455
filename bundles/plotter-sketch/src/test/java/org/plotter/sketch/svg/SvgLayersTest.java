package org.plotter.sketch.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plotter.api.sketch.Layer;
import org.plotter.sketch.geometry.Bounds;
import org.plotter.sketch.geometry.Strokes;

/** A drawing split into pens by top-level group or by stroke colour, each layer in the drawing's own coordinates. */
class SvgLayersTest {
    private static final String SVG = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:inkscape='http://www.inkscape.org/namespaces/inkscape'"
            + " width='100mm' height='100mm' viewBox='0 0 100 100'>"
            + "<g inkscape:groupmode='layer' inkscape:label='Outline' stroke='#F00'>"
            + "  <line x1='10' y1='10' x2='90' y2='10'/>"
            + "  <g><path d='M10 20 H90' style='stroke: blue'/></g>"
            + "  <line x1='10' y1='30' x2='90' y2='30' stroke='#ff0000'/>"
            + "</g>"
            + "<g id='shading'><rect x='40' y='40' width='20' height='20' fill='green' stroke='none'/></g>"
            + "<circle cx='50' cy='80' r='5'/>"
            + "</svg>";

    private static List<Layer> layers(Layer.Split split) throws IOException {
        return new SvgSketchCodec().readLayers(new ByteArrayInputStream(SVG.getBytes(StandardCharsets.UTF_8)), split);
    }

    private static List<String> names(List<Layer> layers) {
        return layers.stream().map(Layer::name).toList();
    }

    private static int strokes(Layer layer) {
        return Strokes.of(layer.sketch()).size();
    }

    @Test
    void byColourOneLayerPerStrokeColourInFirstAppearanceOrder() throws IOException {
        List<Layer> layers = layers(Layer.Split.COLOUR);
        assertEquals(List.of("#ff0000", "blue", "green", "#000000"), names(layers),
                "#F00 and #ff0000 are one pen; an outline-less fill is drawn in its fill colour; no stroke is black");
        assertEquals(List.of(2, 1, 1, 1), layers.stream().map(SvgLayersTest::strokes).toList());
    }

    @Test
    void byGroupOneLayerPerTopLevelGroupNamedByItsLabelOrId() throws IOException {
        List<Layer> layers = layers(Layer.Split.GROUP);
        assertEquals(List.of("Outline", "shading", "(outside any group)"), names(layers));
        assertEquals(List.of(3, 1, 1), layers.stream().map(SvgLayersTest::strokes).toList(), "a nested group belongs to its top-level group");
    }

    @Test
    void layersKeepTheDrawingsCoordinates() throws IOException {
        Layer shading = layers(Layer.Split.GROUP).get(1);
        Bounds square = Bounds.of(Strokes.of(shading.sketch()));
        assertEquals(40, square.minX(), 1e-4, "in mm from the drawing's corner, not moved to 0");
        assertEquals(40, square.minY(), 1e-4);
        assertEquals(1, layers(Layer.Split.NONE).size());
        assertEquals(5, strokes(layers(Layer.Split.NONE).get(0)));
    }
}
