package org.plotter.api.render;

/** Formats a {@link DrawingRenderer} can write. */
public enum ImageFormat {
    SVG("svg"), PNG("png"),
    /** An animation of the pen drawing, stroke by stroke, looping. */
    GIF("gif");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
