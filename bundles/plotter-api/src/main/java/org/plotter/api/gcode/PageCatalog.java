package org.plotter.api.gcode;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Paper sizes by name ({@code A4}, {@code Letter-landscape}) or as {@code WIDTHxHEIGHT}. */
@ProviderType
public interface PageCatalog {
    /** @throws org.plotter.api.InvalidInputException naming the accepted forms */
    PageSpec page(String spec, double margin);

    /** The named sizes, e.g. {@code A3, A4, Letter}. */
    List<String> names();
}
