package org.netlm.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where patients come from, one at a time, each with where it starts and either a valid case or every violation (and,
 * for FHIR input, the mapping report): patient JSON ({@link PatientReader}) or FHIR Bundles. The commands read every
 * source the same way: source → {@code PatientCase} → validation → engine.
 */
public interface PatientSource extends Closeable {
    /**
     * The next patient, or {@code null} at the end.
     *
     * @throws PatientInputException when the input cannot be read past some point (broken JSON, empty)
     * @throws IOException           when the input cannot be read
     */
    PatientInput next() throws IOException;

    /** The input's name in messages (the file as given, or {@link PatientReader#STDIN_NAME}). */
    String name();
}
