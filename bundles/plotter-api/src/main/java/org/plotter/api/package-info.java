/**
 * The plotter contract: value types (sketches, drawings, pages, firmware profiles, G-code programs,
 * job events) and the service interfaces that engine, translator, driver and rendering bundles
 * implement. It depends on nothing but the JDK, so every bundle and the launcher can share it.
 */
@Export
@Version("1.0.0")
package org.plotter.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
