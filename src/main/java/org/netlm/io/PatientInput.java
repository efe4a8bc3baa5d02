package org.netlm.io;

import java.util.List;
import org.netlm.model.PatientCase;
import org.netlm.validation.Violation;

/**
 * One patient read from an input file: where it starts, and either the case or every violation found in it.
 *
 * @param file       the file name as given ({@code <stdin>} for standard input)
 * @param line       line of the first character of the patient's object (1-based)
 * @param index      position in a JSON array (0-based), or {@code -1} when the object is not an array element
 * @param patientId  the id when it could be read, else {@code null}
 * @param patient    the valid case, or {@code null} when {@code violations} is not empty
 * @param violations every problem (empty for a valid case)
 * @param report     how the source made the case (the FHIR mapping report), or {@code null} for patient JSON
 */
public record PatientInput(String file, long line, int index, String patientId, PatientCase patient,
                           List<Violation> violations, SourceReport report) {
    /** Longest id shown in a message (an over-long id is itself a violation, and must not flood the line). */
    static final int SHOWN_ID_LENGTH = 60;

    public PatientInput {
        violations = List.copyOf(violations);
        if ((patient == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("a patient input holds either a case or violations");
        }
    }

    /** A patient read from patient JSON (no source report). */
    public PatientInput(String file, long line, int index, String patientId, PatientCase patient, List<Violation> violations) {
        this(file, line, index, patientId, patient, violations, null);
    }

    public boolean isValid() {
        return patient != null;
    }

    /** {@code file:line}, plus the array element and the patient id when known: the prefix of every message. */
    public String location() {
        StringBuilder sb = new StringBuilder().append(file).append(':').append(line).append(':');
        if (index >= 0) {
            sb.append(" element ").append(index).append(patientId == null ? ":" : ",");
        }
        if (patientId != null) {
            sb.append(" patient ").append(shownId()).append(':');
        }
        return sb.toString();
    }

    /** The id as shown in a message: printable, and cut after {@value #SHOWN_ID_LENGTH} characters. */
    private String shownId() {
        String id = patientId.length() > SHOWN_ID_LENGTH ? patientId.substring(0, SHOWN_ID_LENGTH - 1) + "…" : patientId;
        return Violation.printable(id);
    }

    /** One line per violation: {@code file:line: [element i,] [patient id:] field = value: reason}. */
    public List<String> describeViolations() {
        String where = location();
        return violations.stream().map(v -> where + " " + v.describe()).toList();
    }
}
