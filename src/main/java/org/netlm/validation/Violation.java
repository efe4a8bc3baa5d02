package org.netlm.validation;

/**
 * One problem with one field of a patient case.
 *
 * @param field  the JSON field name (e.g. {@code ki67Percent}, {@code priorTherapies[2].outcome})
 * @param value  the offending value as text ({@code null} when the field is missing)
 * @param reason what is wrong, in words
 * @param resource where the value came from when the patient was mapped from FHIR ({@code Observation/ki67-2}),
 *                 else {@code null}
 */
public record Violation(String field, String value, String reason, String resource) {

    /**
     * A violation of a patient read from patient JSON (no source resource).
     *
     * @param field  the JSON field name
     * @param value  the offending value as text, {@code null} when the field is missing
     * @param reason what is wrong, in words
     */
    public Violation(String field, String value, String reason) {
        this(field, value, reason, null);
    }

    /**
     * This violation with the resource that supplied the value.
     *
     * @param sourceResource the FHIR resource, e.g. {@code Observation/ki67-2}
     * @return a copy that names the resource
     */
    public Violation at(String sourceResource) {
        return new Violation(field, value, reason, sourceResource);
    }

    /**
     * One line for a person: {@code ki67Percent = 140: must be between 0 and 100}, plus {@code [Observation/ki67-2]}
     * when the value came from a FHIR resource.
     *
     * @return the description, safe to print on one line
     */
    public String describe() {
        return printable(field) + (value == null ? "" : " = " + printable(value)) + ": " + printable(reason)
            + (resource == null ? "" : " [" + printable(resource) + "]");
    }

    /**
     * {@code s} safe to print on one line of a terminal: control characters (line breaks, escape sequences),
     * invisible format characters (bidirectional overrides, zero-width characters) and line separators are
     * shown as a backslash, {@code u} and four hex digits (as in Java and JSON).
     *
     * @param s any text, or {@code null}
     * @return the text with those characters escaped ({@code null} for {@code null})
     */
    public static String printable(String s) {
        if (s == null || s.codePoints().noneMatch(Violation::unprintable)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            if (unprintable(c)) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static boolean unprintable(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
