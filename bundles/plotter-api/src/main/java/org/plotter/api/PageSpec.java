package org.plotter.api;

import java.util.Locale;
import java.util.Map;

/** A sheet of paper in millimetres and the margin kept free on every side. */
public record PageSpec(String name, double width, double height, double margin) {
    private static final Map<String, double[]> SIZES = Map.of(
            "a3", new double[] {297, 420},
            "a4", new double[] {210, 297},
            "a5", new double[] {148, 210},
            "a6", new double[] {105, 148},
            "letter", new double[] {215.9, 279.4});

    public PageSpec {
        if (!(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("page size must be positive, got " + width + " x " + height + " mm");
        }
        if (!(margin >= 0) || 2 * margin >= Math.min(width, height)) {
            throw new IllegalArgumentException("margin " + margin + " mm leaves no room on a " + width + " x " + height + " mm page");
        }
    }

    /** The default: A4 portrait with 10 mm margins. */
    public static PageSpec a4() {
        return parse("A4", 10);
    }

    /**
     * A named size ({@code A3}..{@code A6}, {@code Letter}), optionally suffixed {@code -landscape},
     * or {@code WIDTHxHEIGHT} in mm.
     */
    public static PageSpec parse(String spec, double margin) {
        String key = spec.trim().toLowerCase(Locale.ROOT);
        boolean landscape = key.endsWith("-landscape");
        if (landscape) {
            key = key.substring(0, key.length() - "-landscape".length());
        }
        double[] size = SIZES.get(key);
        if (size == null) {
            String[] parts = key.split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("unknown page '" + spec + "': use A3, A4, A5, A6, Letter (optionally -landscape) or WIDTHxHEIGHT in mm");
            }
            try {
                size = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown page '" + spec + "': use A3, A4, A5, A6, Letter or WIDTHxHEIGHT in mm");
            }
        }
        return landscape
                ? new PageSpec(spec, size[1], size[0], margin)
                : new PageSpec(spec, size[0], size[1], margin);
    }
}
