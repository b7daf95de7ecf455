package org.plotter.gcode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.InvalidInputException;
import org.plotter.api.gcode.PageCatalog;
import org.plotter.api.gcode.PageSpec;

/** ISO A3–A6 and US Letter, portrait unless suffixed {@code -landscape}, or {@code WIDTHxHEIGHT} in mm. */
@Component(service = PageCatalog.class)
public class PaperSizes implements PageCatalog {
    private static final String LANDSCAPE = "-landscape";
    private static final Map<String, double[]> SIZES = new LinkedHashMap<>();

    static {
        SIZES.put("A3", new double[] {297, 420});
        SIZES.put("A4", new double[] {210, 297});
        SIZES.put("A5", new double[] {148, 210});
        SIZES.put("A6", new double[] {105, 148});
        SIZES.put("Letter", new double[] {215.9, 279.4});
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
            String[] parts = key.toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                size = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            } catch (NumberFormatException e) {
                throw new InvalidInputException("unknown page '" + spec + "': use " + String.join(", ", names())
                        + " (optionally -landscape) or WIDTHxHEIGHT in mm");
            }
        }
        return landscape ? new PageSpec(spec, size[1], size[0], margin) : new PageSpec(spec, size[0], size[1], margin);
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
