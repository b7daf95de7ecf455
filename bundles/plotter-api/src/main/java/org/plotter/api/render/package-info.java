/**
 * Rendering drawings to pictures (SVG, PNG).
 */
@Export
@Version("1.1.0")
package org.plotter.api.render;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
