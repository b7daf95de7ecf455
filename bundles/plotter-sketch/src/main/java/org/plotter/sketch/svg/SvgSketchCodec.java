package org.plotter.sketch.svg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.sketch.Layer;
import org.plotter.api.sketch.Polyline;
import org.plotter.api.sketch.Sketch;
import org.plotter.api.sketch.SketchCodec;
import org.plotter.sketch.geometry.Strokes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads SVG drawings as sketches in millimetres on the page (see {@link SvgReader}); it does not write SVG sketches. */
@Component(service = SketchCodec.class, property = SketchCodec.FORMAT + "=" + SvgSketchCodec.FORMAT)
public class SvgSketchCodec implements SketchCodec {
    static final String FORMAT = "svg";
    private static final Logger LOG = LoggerFactory.getLogger(SvgSketchCodec.class);

    @Override
    public Sketch read(InputStream in) throws IOException {
        return readLayers(in, Layer.Split.NONE).get(0).sketch();
    }

    /** Layers in the order their first outline appears in the document. */
    @Override
    public List<Layer> readLayers(InputStream in, Layer.Split split) throws IOException {
        SvgReader.Result svg = SvgReader.read(in);
        if (svg.outlines().isEmpty()) {
            throw new IOException("the SVG has no outlines to draw");
        }
        if (svg.filledShapes() > 0) {
            LOG.warn("{} filled shape(s): a pen draws their outlines only", svg.filledShapes());
        }
        if (svg.skippedElements() > 0) {
            LOG.warn("{} element(s) skipped (text, images, <use>, shapes sized in % of the page): only outlines are drawn", svg.skippedElements());
        }
        Map<String, List<Polyline>> layers = new LinkedHashMap<>();
        for (SvgReader.Outline outline : svg.outlines()) {
            String name = switch (split) {
                case NONE -> "";
                case GROUP -> outline.group().isEmpty() ? "(outside any group)" : outline.group();
                case COLOUR -> outline.colour();
            };
            layers.computeIfAbsent(name, n -> new ArrayList<>()).add(outline.line());
        }
        if (split == Layer.Split.NONE) {
            long colours = svg.outlines().stream().map(SvgReader.Outline::colour).distinct().count();
            if (colours > 1) {
                LOG.info("{} stroke colours drawn with one pen; --layers colour changes the pen for each", colours);
            }
        }
        return layers.entrySet().stream().map(e -> new Layer(e.getKey(), Strokes.toSketch(e.getValue()))).toList();
    }

    @Override
    public void write(Sketch sketch, OutputStream out) throws IOException {
        throw new IOException("sketches are written as JSON; SVG is read only (pictures come from the renderer)");
    }
}
