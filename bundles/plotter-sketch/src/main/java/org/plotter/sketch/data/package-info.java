/** Readers for public sketch data sets (Quick, Draw!), giving sketches and absolute strokes. */
@Export
@Version("1.1.0")
package org.plotter.sketch.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
