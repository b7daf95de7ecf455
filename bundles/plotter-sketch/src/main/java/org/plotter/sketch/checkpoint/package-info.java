/**
 * The checkpoint format every engine writes: a directory holding {@code manifest.json} (engine, format
 * version, classes, scale factor, hyper-parameters, how it was trained) and named float32 tensors in
 * {@code weights.bin}. Written atomically: a new directory beside the old, then renamed over it.
 */
@Export
@Version("1.0.0")
package org.plotter.sketch.checkpoint;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
