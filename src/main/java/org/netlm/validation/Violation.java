package org.netlm.validation;

/**
 * One problem with one field of a patient case.
 *
 * @param field  the JSON field name (e.g. {@code ki67Percent}, {@code priorTherapies[2].outcome})
 * @param value  the offending value as text ({@code null} when the field is missing)
 * @param reason what is wrong, in words
 */
public record Violation(String field, String value, String reason) {

    /** One line for a person: {@code ki67Percent = 140: must be between 0 and 100}. */
    public String describe() {
        return field + (value == null ? "" : " = " + value) + ": " + reason;
    }
}
