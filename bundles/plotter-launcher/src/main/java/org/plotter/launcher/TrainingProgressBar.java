package org.plotter.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.plotter.api.model.TrainingListener;
import org.plotter.api.model.TrainingProgress;
import org.plotter.api.model.TrainingRequest;

/**
 * Training progress for a person: at a terminal a progress bar (step, loss parts, steps/s, ETA); in a
 * log (no terminal) one line every {@value #LOG_EVERY_SECONDS} s. Validations and checkpoints are
 * always a line of their own.
 */
final class TrainingProgressBar implements TrainingListener, AutoCloseable {
    static final int LOG_EVERY_SECONDS = 30;

    private final PrintWriter out;
    private final TrainingRequest request;
    private final boolean terminal = System.console() != null;
    private ProgressBar bar;
    private long startedAt;
    private long firstStep;
    private long lastLine;

    TrainingProgressBar(PrintWriter out, TrainingRequest request) {
        this.out = out;
        this.request = request;
    }

    @Override
    public void started(String summary, long firstStep) {
        this.firstStep = firstStep;
        this.startedAt = System.nanoTime();
        this.lastLine = startedAt;
        line(summary + (firstStep > 0 ? "; resuming at step " + firstStep : ""));
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("training").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(request.steps() > 0 ? request.steps() : -1).startsFrom(firstStep, Duration.ZERO)
                    .setUnit(" steps", 1).showSpeed().build();
        }
    }

    @Override
    public void stepped(TrainingProgress p) {
        String losses = Summaries.losses(p.losses());
        if (bar != null) {
            bar.stepTo(p.step());
            bar.setExtraMessage(String.format(Locale.ROOT, " %s, %.1f sketches/s", losses, p.sketchesPerSecond()));
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= LOG_EVERY_SECONDS * 1_000_000_000L) {
            lastLine = now;
            line(String.format(Locale.ROOT, "step %d%s: %s; %.3f steps/s, %.1f sketches/s%s", p.step(),
                    p.lastStep() > 0 ? " of " + p.lastStep() : "", losses, p.stepsPerSecond(), p.sketchesPerSecond(), eta(p)));
        }
    }

    private String eta(TrainingProgress p) {
        double bySteps = p.lastStep() > 0 && p.stepsPerSecond() > 0 ? (p.lastStep() - p.step()) / p.stepsPerSecond() : Double.POSITIVE_INFINITY;
        double byTime = request.time().isZero() ? Double.POSITIVE_INFINITY : request.time().toNanos() / 1e9 - (System.nanoTime() - startedAt) / 1e9;
        double left = Math.min(bySteps, byTime);
        return Double.isFinite(left) ? ", " + Summaries.time(Duration.ofSeconds(Math.max(0, Math.round(left)))) + " left" : "";
    }

    @Override
    public void validated(long step, Map<String, Double> loss) {
        line(String.format(Locale.ROOT, "step %d: held-out loss %s", step, Summaries.losses(loss)));
    }

    @Override
    public void checkpointed(Path checkpoint, long step) {
        line("step " + step + ": checkpoint " + checkpoint);
    }

    private void line(String text) {
        if (bar != null) {
            bar.pause();
        }
        out.println(text);
        out.flush();
        if (bar != null) {
            bar.resume();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
