package org.plotter.api;

import java.time.Duration;
import java.util.Optional;

/**
 * How a job ended. {@code failure} is empty for a completed job.
 *
 * @param linesAcknowledged program lines the machine accepted
 */
public record JobResult(Outcome outcome, int linesAcknowledged, Optional<JobFailure> failure, Duration elapsed) {
    public enum Outcome { COMPLETED, FAILED, CANCELLED, TIMED_OUT }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }

    /**
     * Why a job stopped: the 1-based program line (0 when not tied to a line), the line itself,
     * the machine's code (e.g. {@code error:22}, {@code ALARM:2}) and a readable explanation.
     */
    public record JobFailure(int lineNumber, String line, String code, String message) {
        @Override
        public String toString() {
            return lineNumber > 0
                    ? "line " + lineNumber + " '" + line + "': " + code + " " + message
                    : code + " " + message;
        }
    }
}
