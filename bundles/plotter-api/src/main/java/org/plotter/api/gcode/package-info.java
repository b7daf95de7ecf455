/**
 * From a sketch to machine instructions: pages and placement, the planner, firmware profiles (a typed core,
 * protocol settings and a G-code dialect), the translator and the G-code program it makes.
 */
@Export
@Version("2.4.0")
package org.plotter.api.gcode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
