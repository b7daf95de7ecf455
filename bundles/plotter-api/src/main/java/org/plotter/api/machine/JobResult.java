package org.plotter.api.machine;

import java.time.Duration;
import java.util.Optional;

/**
 * How a job ended. {@code failure} is empty for a completed job.
 *
 * @param linesAcknowledged program lines the machine accepted
 * @param machineLeft how the driver left the machine after a job that did not complete, e.g.
 *     "stopped, planner cleared, pen up" (empty when completed or when nothing could be done)
 */
public record JobResult(Outcome outcome, int linesAcknowledged, Optional<JobFailure> failure, Duration elapsed,
                        Optional<String> machineLeft) {
    public enum Outcome { COMPLETED, FAILED, CANCELLED, TIMED_OUT }

    public JobResult withMachineLeft(String how) {
        return new JobResult(outcome, linesAcknowledged, failure, elapsed, Optional.of(how));
    }

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
