package org.plotter.sketch.svg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.service.component.annotations.Component;
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
        SvgReader.Result svg = SvgReader.read(in);
        if (svg.strokes().isEmpty()) {
            throw new IOException("the SVG has no outlines to draw");
        }
        if (svg.filledShapes() > 0) {
            LOG.warn("{} filled shape(s): a pen draws their outlines only", svg.filledShapes());
        }
        if (svg.skippedElements() > 0) {
            LOG.warn("{} element(s) skipped (text, images, <use>): only outlines are drawn", svg.skippedElements());
        }
        return Strokes.toSketch(svg.strokes());
    }

    @Override
    public void write(Sketch sketch, OutputStream out) throws IOException {
        throw new IOException("sketches are written as JSON; SVG is read only (pictures come from the renderer)");
    }
}
