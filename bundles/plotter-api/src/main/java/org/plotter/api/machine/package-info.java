/**
 * Talking to machines: connections opened by port, protocol drivers, running jobs and their events.
 */
@Export
@Version("1.8.0")
package org.plotter.api.machine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
