package org.plotter.train.rnn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.plotter.sketch.checkpoint.CheckpointFiles;

/**
 * The loss over a run's life, kept with the checkpoint ({@value #DATA}, carried on by {@code --resume})
 * and drawn as {@value #PICTURE} (XChart): the training loss averaged since the last validation, and
 * the held-out loss, against steps.
 */
final class TrainingCurves {
    static final String DATA = "curves.json";
    static final String PICTURE = "curves.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    /** One validation: the step, the mean training loss since the last one, the held-out loss. */
    record Point(long step, double train, double valid) {}

    private final List<Point> points = new ArrayList<>();
    private double trainSum;
    private int trainCount;

    /** The curves kept in checkpoint {@code dir}, or none when it has no such file. */
    static TrainingCurves read(Path dir) throws IOException {
        TrainingCurves curves = new TrainingCurves();
        Path file = dir.resolve(DATA);
        if (Files.isRegularFile(file)) {
            curves.points.addAll(List.of(CheckpointFiles.readJson(file, Point[].class)));
        }
        return curves;
    }

    void trained(double loss) {
        trainSum += loss;
        trainCount++;
    }

    void validated(long step, double valid) {
        points.add(new Point(step, trainCount == 0 ? Double.NaN : trainSum / trainCount, valid));
        trainSum = 0;
        trainCount = 0;
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    /** Writes the data and the picture into a checkpoint directory being written. */
    void writeInto(Path dir) throws IOException {
        CheckpointFiles.writeJson(dir.resolve(DATA), points);
        CheckpointFiles.writeSynced(dir.resolve(PICTURE), png());
    }

    byte[] png() throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Sketch-RNN training")
                .xAxisTitle("step").yAxisTitle("loss (L_s + L_p + weighted L_KL)").build();
        List<Point> withTrain = points.stream().filter(p -> !Double.isNaN(p.train())).toList();
        if (!withTrain.isEmpty()) {
            chart.addSeries("training", withTrain.stream().map(Point::step).toList(), withTrain.stream().map(Point::train).toList())
                    .setMarker(SeriesMarkers.NONE);
        }
        if (!points.isEmpty()) {
            chart.addSeries("held out", points.stream().map(Point::step).toList(), points.stream().map(Point::valid).toList())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        // through an in-memory cache: ImageIO's default file cache registers a shutdown hook, which fails
        // while the JVM is stopping, and that is when Ctrl-C writes the last checkpoint
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.MemoryCacheImageOutputStream stream = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            if (!javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", stream)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        }
        return out.toByteArray();
    }
}
