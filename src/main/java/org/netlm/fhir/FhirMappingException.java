package org.netlm.fhir;

import java.util.List;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;

/**
 * A Bundle that cannot be assessed: not FHIR JSON, not an R4 Bundle, a malformed value, another patient's resources,
 * no or several patients, or a mapped patient that fails validation. Every violation at once, each naming the field
 * and the resource; the report is kept (fhir-mapping.md §5: returned with every mapping, also on failure). Nothing is
 * assessed from such a bundle.
 */
public class FhirMappingException extends InvalidPatientException {
    private static final long serialVersionUID = 1L;

    private final transient MappingReport report;

    public FhirMappingException(String patientId, List<Violation> violations, MappingReport report) {
        super(patientId, violations);
        this.report = report;
    }

    /** The mapping report (with the violations). */
    public MappingReport report() {
        return report;
    }
}
