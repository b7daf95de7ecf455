package org.plotter.gcode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.PageCatalog;
import org.plotter.api.gcode.PageSpec;

/**
 * ISO A2–A6, US Letter and Legal, portrait unless suffixed {@code -landscape}, or {@code WIDTHxHEIGHT}
 * in millimetres, optionally with a unit: {@code 300x200}, {@code 30x20cm}, {@code 8.5x11in}.
 */
@Component(service = PageCatalog.class)
public class PaperSizes implements PageCatalog {
    private static final String LANDSCAPE = "-landscape";
    private static final Map<String, double[]> SIZES = new LinkedHashMap<>();

    static {
        SIZES.put("A2", new double[] {420, 594});
        SIZES.put("A3", new double[] {297, 420});
        SIZES.put("A4", new double[] {210, 297});
        SIZES.put("A5", new double[] {148, 210});
        SIZES.put("A6", new double[] {105, 148});
        SIZES.put("Letter", new double[] {215.9, 279.4});
        SIZES.put("Legal", new double[] {215.9, 355.6});
    }

    @Override
    public PageSpec page(String spec, double margin) {
        String key = spec.trim();
        boolean landscape = key.toLowerCase(Locale.ROOT).endsWith(LANDSCAPE);
        if (landscape) {
            key = key.substring(0, key.length() - LANDSCAPE.length());
        }
        double[] size = named(key);
        if (size == null) {
            size = custom(key.toLowerCase(Locale.ROOT));
            if (size == null) {
                throw new InvalidInputException("unknown page '" + spec + "': use " + String.join(", ", names())
                        + " (optionally -landscape) or WIDTHxHEIGHT in mm, cm or in (e.g. 300x200, 8.5x11in)");
            }
        }
        return landscape ? new PageSpec(spec, size[1], size[0], margin) : new PageSpec(spec, size[0], size[1], margin);
    }

    private static final Pattern CUSTOM =
            Pattern.compile("([0-9]*\\.?[0-9]+)\\s*x\\s*([0-9]*\\.?[0-9]+)\\s*(mm|cm|in)?");

    /** {@code WxH[unit]} in millimetres, or null. */
    private static double[] custom(String key) {
        Matcher m = CUSTOM.matcher(key);
        if (!m.matches()) {
            return null;
        }
        double unit = switch (m.group(3) == null ? "mm" : m.group(3)) {
            case "cm" -> 10;
            case "in" -> 25.4;
            default -> 1;
        };
        return new double[] {Double.parseDouble(m.group(1)) * unit, Double.parseDouble(m.group(2)) * unit};
    }

    private static double[] named(String key) {
        for (Map.Entry<String, double[]> e : SIZES.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public List<String> names() {
        return List.copyOf(SIZES.keySet());
    }
}
