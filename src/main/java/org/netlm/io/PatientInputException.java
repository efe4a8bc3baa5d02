package org.netlm.io;

/**
 * A patient file that cannot be read past some point: unreadable, not JSON (with line and column),
 * or holding no patient at all. The message is one line for a person, starting with the file name.
 */
public class PatientInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PatientInputException(String message) {
        super(message);
    }

    public PatientInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
