package org.netlm.engine;

/**
 * A problem in a rule folder: the file (relative to the folder), the line ({@code 0} when unknown)
 * and the message.
 *
 * @param file    the file, relative to the rule folder with forward slashes (e.g. {@code recommendation/surgery.drl})
 * @param line    the 1-based line, or {@code 0} (or less) when the problem has no line
 * @param message what is wrong, as the compiler or the rule checks say it
 */
public record RuleProblem(String file, int line, String message) {

    /**
     * The problem in the form editors and CI logs link to.
     *
     * @return {@code file:line: message}, with line {@code 0} when unknown
     */
    public String describe() {
        return file + ":" + (line > 0 ? line : 0) + ": " + message;
    }
}
