package org.plotter.api;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/** Opens connections for the ports it recognises (by scheme or path); one service per transport. */
@ConsumerType
public interface ConnectionFactory {
    boolean accepts(String port);

    PlotterConnection open(String port) throws IOException;
}
