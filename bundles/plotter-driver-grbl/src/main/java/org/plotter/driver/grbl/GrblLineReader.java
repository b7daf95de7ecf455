package org.plotter.driver.grbl;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a controller's replies byte by byte and hands each complete line on, classified. Byte by byte,
 * so that nothing beyond the current job's replies is taken from the connection; it stops when the
 * job is over (and is interrupted), at end of stream, or on an I/O error.
 */
final class GrblLineReader implements Runnable {
    /** What ended the reading while the job still wanted replies. */
    interface Ending {
        void closed(String reason);
    }

    private final InputStream in;
    private final BooleanSupplier jobRunning;
    private final Runnable onByte;
    private final Consumer<GrblResponse> onLine;
    private final Ending onEnd;

    GrblLineReader(InputStream in, BooleanSupplier jobRunning, Runnable onByte, Consumer<GrblResponse> onLine, Ending onEnd) {
        this.in = in;
        this.jobRunning = jobRunning;
        this.onByte = onByte;
        this.onLine = onLine;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while (jobRunning.getAsBoolean() && (b = in.read()) >= 0) {
                onByte.run();
                if (b == '\n') {
                    if (!line.toString().isBlank()) {
                        onLine.accept(GrblResponse.parse(line.toString()));
                    }
                    line.setLength(0);
                } else if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (jobRunning.getAsBoolean()) {
                onEnd.closed("the connection closed");
            }
        } catch (IOException e) {
            if (jobRunning.getAsBoolean()) {
                onEnd.closed("reading failed: " + e.getMessage());
            }
        }
    }
}
