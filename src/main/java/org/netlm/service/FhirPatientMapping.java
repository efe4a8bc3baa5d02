package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.netlm.fhir.FhirMappingException;
import org.netlm.fhir.FhirMappingResult;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.validation.Violation;

/** The service's {@link PatientMapping} by the FHIR room's {@link FhirPatientMapper} (fhir-mapping.md). Thread-safe. */
public final class FhirPatientMapping implements PatientMapping {
    private final FhirPatientMapper mapper;

    public FhirPatientMapping(FhirPatientMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The built-in codes only. */
    public static FhirPatientMapping withDefaults() {
        return new FhirPatientMapping(FhirPatientMapper.withDefaults());
    }

    /** The built-in codes plus a site's mapping file (fhir-mapping.md §6). */
    public static FhirPatientMapping withMappingFile(Path file) {
        return new FhirPatientMapping(FhirPatientMapper.withMappingFile(file));
    }

    @Override
    public Mapped map(JsonNode bundle) {
        try {
            FhirMappingResult r = bundle instanceof ObjectNode tree ? mapper.map(tree, null) : mapper.map(bundle.toString());
            return new Mapped(r.patientCase(), r.report().notMapped(), List.of(), r.report().toTree());
        } catch (FhirMappingException e) {
            return new Mapped(null, e.report() == null ? List.of() : e.report().notMapped(),
                e.getViolations().stream().map(Violation::describe).toList(), e.report() == null ? null : e.report().toTree());
        }
    }
}
