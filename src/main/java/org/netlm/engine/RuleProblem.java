package org.netlm.engine;

/**
 * A problem in a rule folder: the file (relative to the folder), the line ({@code 0} when unknown)
 * and the message.
 */
public record RuleProblem(String file, int line, String message) {

    /** {@code file:line: message}, the form editors and CI logs link to. */
    public String describe() {
        return file + ":" + (line > 0 ? line : 0) + ": " + message;
    }
}
