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
        /** The code of a job stopped because the port went away or stopped carrying bytes (a cable pulled). */
        public static final String CONNECTION_LOST = "connection lost";
        /**
         * The code of a job stopped because the controller restarted under it (a new greeting, GRBL's
         * {@code ALARM:3}): its queued lines are gone, but where it stopped can be read back.
         */
        public static final String MACHINE_RESET = "reset";

        /**
         * The code of a job stopped because the machine's answer to a line never came although it has finished
         * everything it was given: whether the line ran can only be read back from where the machine stands.
         */
        public static final String REPLY_LOST = "lost reply";

        /**
         * The code of a job stopped because the controller restarted under it while not moving and then took
         * lines that were still on their way to it, outside their place in the program (GRBL runs lines after a
         * reset while idle): where the drawing stopped can no longer be read from where the machine stands,
         * so the job cannot be continued.
         */
        public static final String RAN_OUT_OF_PLACE = "lines ran out of place";

        /** Whether the job may continue from where the machine stopped once it answers again. */
        public boolean resumable() {
            return code.equals(CONNECTION_LOST) || code.equals(MACHINE_RESET) || code.equals(REPLY_LOST);
        }

        /** Whether the connection still works and the job may continue on it without opening the port again. */
        public boolean connectionKept() {
            return code.equals(MACHINE_RESET) || code.equals(REPLY_LOST);
        }

        /** Whether where the job stopped can be found again, now or later ({@code plotter resume}). */
        public boolean continuable() {
            return !code.equals(RAN_OUT_OF_PLACE);
        }

        @Override
        public String toString() {
            return lineNumber > 0
                    ? "line " + lineNumber + " '" + line + "': " + code + " " + message
                    : code + " " + message;
        }
    }
}
