package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.netlm.model.PatientCase;

/**
 * Turns the FHIR data of one patient (a {@code collection} Bundle assembled from the prefetch) into the
 * engine's input. The FHIR room's mapper ({@code org.netlm.fhir.FhirPatientMapper}, fhir-mapping.md) is the
 * implementation; this interface keeps the service independent of how the mapping is done.
 */
public interface PatientMapping {

    /**
     * The mapped patient and what the EHR did not give.
     *
     * @param patient   the case to assess, or {@code null} when it cannot be assessed (a required field missing,
     *                  a value out of range, not one patient)
     * @param notMapped fields without a value (availability not {@code MAPPED}): the "needs tumour-board entry" list
     * @param problems  why the case cannot be assessed, one line each ({@code field: value: reason [resource]})
     * @param report    the mapping report (fhir-mapping.md §5), travels with the cards; may be {@code null}
     */
    record Mapped(PatientCase patient, List<String> notMapped, List<String> problems, JsonNode report) {
        public Mapped {
            notMapped = List.copyOf(notMapped);
            problems = List.copyOf(problems);
        }

        public boolean assessable() {
            return patient != null;
        }
    }

    /** Maps {@code bundle} (FHIR R4 JSON, {@code Bundle.timestamp} = the as-of date). Never throws for bad clinical data. */
    Mapped map(JsonNode bundle);
}
