package org.netlm.service;

/** The {@link PatientSource}s the service can use. */
public final class PatientSources {
    private PatientSources() {
    }

    /** The FHIR R4 mapping of fhir-mapping.md (org.netlm.fhir.FhirPatientMapper with the built-in codes). */
    public static PatientSource fhir() {
        throw new UnsupportedOperationException("the FHIR mapper (branch fhir) is not merged yet");
    }
}
