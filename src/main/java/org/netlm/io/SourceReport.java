package org.netlm.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * What an input source says about how it made a patient case (the FHIR mapping report): written after the
 * assessment's fixed fields as member {@link #jsonName()}, and shortened in the text output.
 */
public interface SourceReport {
    /** The member name in the assessment JSON (e.g. {@code mapping}). */
    String jsonName();

    /** Writes the report as one JSON value. */
    void writeJson(JsonGenerator g) throws IOException;

    /** A few lines for the text output (no trailing newlines). */
    List<String> summaryLines();
}
