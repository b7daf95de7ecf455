/**
 * Sketches (stroke-3 pen offsets), absolute drawings of polylines, and the sketch file codec service.
 */
@Export
@Version("1.1.0")
package org.plotter.api.sketch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
