package org.netlm.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A patient case that cannot be assessed: every violation found, all at once. */
public class InvalidPatientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String patientId;
    private final transient List<Violation> violations;

    public InvalidPatientException(String patientId, List<Violation> violations) {
        super(message(patientId, violations));
        this.patientId = patientId;
        this.violations = List.copyOf(violations);
    }

    private static String message(String patientId, List<Violation> violations) {
        return "Invalid patient" + (patientId == null ? "" : " '" + Violation.printable(patientId) + "'") + ": "
            + violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
    }

    /** The case id when it could be read, else {@code null}. */
    public String getPatientId() {
        return patientId;
    }

    public List<Violation> getViolations() {
        return violations;
    }

    /** The names of the offending fields, in order. */
    public List<String> getFields() {
        return violations.stream().map(Violation::field).toList();
    }
}
