/**
 * What every plotter package shares: the exception that marks a request as the user's mistake.
 * The contract itself is split by concern: {@code sketch}, {@code render}, {@code model},
 * {@code gcode} and {@code machine}, each with its own version.
 */
@Export
@Version("1.0.0")
package org.plotter.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
