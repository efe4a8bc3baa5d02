package org.netlm.fhir;

import org.netlm.model.PatientCase;

/**
 * A mapped Bundle: the valid patient case (checked by the same {@link org.netlm.validation.PatientValidator} as patient
 * JSON) and the report of how each field was found.
 */
public record FhirMappingResult(PatientCase patientCase, MappingReport report) {
}
