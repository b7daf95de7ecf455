package org.plotter.sketch.internal;

/** Colours (CSS syntax) and line widths in drawing units, plus the PNG's longest side in pixels. */
record RenderStyle(String paper, String ink, String travel, double inkWidth, double travelWidth, int pngLongSide) {
    /** Ink for pen-down paths, a faint blue for pen-up travel. */
    static RenderStyle defaults(double drawingLongSide) {
        double unit = drawingLongSide / 400.0;
        return new RenderStyle("#ffffff", "#1a1a1a", "#9cc3e6", 2 * unit, unit, 1000);
    }
}
