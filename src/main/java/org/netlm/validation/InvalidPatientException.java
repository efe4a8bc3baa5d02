package org.netlm.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A patient case that cannot be assessed: every violation found, all at once. */
public class InvalidPatientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The case id when it could be read, else {@code null}. */
    private final String patientId;
    private final transient List<Violation> violations;

    /**
     * A refused case; the message names the case and lists every violation.
     *
     * @param patientId  the case id when it could be read, else {@code null}
     * @param violations every violation found, in field order
     */
    public InvalidPatientException(String patientId, List<Violation> violations) {
        super(message(patientId, violations));
        this.patientId = patientId;
        this.violations = List.copyOf(violations);
    }

    private static String message(String patientId, List<Violation> violations) {
        return "Invalid patient" + (patientId == null ? "" : " '" + Violation.printable(patientId) + "'") + ": "
            + violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
    }

    /**
     * The case id when it could be read.
     *
     * @return the id, or {@code null}
     */
    public String getPatientId() {
        return patientId;
    }

    /**
     * Every violation found (field, value, reason), all at once.
     *
     * @return the violations, unmodifiable
     */
    public List<Violation> getViolations() {
        return violations;
    }

    /**
     * The names of the offending fields, in order.
     *
     * @return one field name per violation
     */
    public List<String> getFields() {
        return violations.stream().map(Violation::field).toList();
    }
}
