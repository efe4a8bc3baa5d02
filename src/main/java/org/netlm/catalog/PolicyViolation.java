package org.netlm.catalog;

/**
 * One place where a rule file breaks the rule policy (docs/rule-policy.md): the file (relative to the rule folder,
 * e.g. {@code recommendation/process.drl}), the line ({@code 0} when unknown) and what is not allowed there.
 */
public record PolicyViolation(String file, int line, String message) {

    /**
     * {@code file:line: message}, the form editors and CI logs link to.
     * @return the violation, one line
     */
    public String describe() {
        return file + ":" + Math.max(0, line) + ": " + message;
    }
}
