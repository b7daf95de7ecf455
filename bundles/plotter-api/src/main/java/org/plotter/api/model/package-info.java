/**
 * Generative sketch models: engines (one {@link org.plotter.api.model.SketchModelFactory} per architecture),
 * loaded models, sampling requests, the {@link org.plotter.api.model.ModelRegistry} that finds checkpoints, and
 * trainers ({@link org.plotter.api.model.SketchTrainer}) that make them.
 */
@Export
@Version("1.2.0")
package org.plotter.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
