package org.plotter.api;

/**
 * A request was refused because of what the user asked for (a page that does not fit the machine, a
 * class the model does not draw, a malformed port or file), not because of a fault in the software.
 * Front ends report it as bad input (the CLI: exit code 2); any other exception is a failure.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
