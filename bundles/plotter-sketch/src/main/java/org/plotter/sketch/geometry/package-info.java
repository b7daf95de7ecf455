/** Sketch geometry shared by bundles: bounding boxes, normalisation and line simplification. */
@Export
@Version("1.1.0")
package org.plotter.sketch.geometry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
import org.plotter.api.sketch.Sketch;

