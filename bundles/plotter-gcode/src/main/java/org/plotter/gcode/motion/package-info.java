/**
 * GRBL 1.1's motion model as pure arithmetic: trapezoidal acceleration per block, corner speeds from
 * junction deviation, a look-ahead of a planner's worth of blocks. Time estimates and the simulated
 * plotter both use it, so an estimate and a simulated run agree because both follow GRBL.
 */
@Export
@Version("1.0.0")
package org.plotter.gcode.motion;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
