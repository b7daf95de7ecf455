package org.plotter.launcher;

import org.plotter.api.sketch.Layer;
import picocli.CommandLine.Option;

/** How a drawing file splits into pens: shared by plot and gcode. */
final class LayerOptions {
    @Option(names = "--layers", paramLabel = "HOW", defaultValue = "NONE", converter = SplitConverter.class,
            description = {"Draw an SVG in layers, each with its own pen, pausing (pen up, M0) for the operator to change it:",
                    "none, group (top-level groups, e.g. Inkscape layers) or colour (stroke colours) (default: none)."})
    Layer.Split split;

    /** none | group | colour (or color), in any case. */
    static final class SplitConverter implements picocli.CommandLine.ITypeConverter<Layer.Split> {
        @Override
        public Layer.Split convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "none" -> Layer.Split.NONE;
                case "group", "groups" -> Layer.Split.GROUP;
                case "colour", "color", "colours", "colors" -> Layer.Split.COLOUR;
                default -> throw new picocli.CommandLine.TypeConversionException("expected none, group or colour, got '" + value + "'");
            };
        }
    }
}
