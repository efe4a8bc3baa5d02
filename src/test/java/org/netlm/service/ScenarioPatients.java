package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.netlm.model.PatientCase;

/**
 * A test {@link PatientMapping} that knows the patients by the id of the bundle's Patient resource, so the HTTP,
 * authentication and card layers are tested on every example scenario independently of the FHIR mapping (the
 * real mapper has its own tests, and {@code FhirCdsHooksTest} runs it through the service).
 */
final class ScenarioPatients implements PatientMapping {
    private final Map<String, PatientCase> byId;

    ScenarioPatients(Map<String, PatientCase> byId) {
        this.byId = Map.copyOf(byId);
    }

    @Override
    public Mapped map(JsonNode bundle) {
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            if ("Patient".equals(r.path("resourceType").asText())) {
                PatientCase p = byId.get(r.path("id").asText());
                if (p != null) {
                    return new Mapped(p, List.of(), List.of(), null);
                }
            }
        }
        return new Mapped(null, List.of("primarySite", "differentiation"),
            List.of("primarySite: required", "differentiation: required"), null);
    }
}
