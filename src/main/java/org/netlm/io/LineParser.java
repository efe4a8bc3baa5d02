package org.netlm.io;

/**
 * One line of an NDJSON input as a patient (for {@code batch}): patient JSON ({@link PatientReader#parseLine}) or a
 * FHIR Bundle. Must be thread-safe: the batch workers call it at once.
 */
@FunctionalInterface
public interface LineParser {
    /** The patient on {@code text}, line {@code line} of {@code file}: a valid case, or its violations. */
    PatientInput parse(String text, String file, long line);
}
