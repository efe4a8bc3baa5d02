package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.netlm.service.ServiceHttp.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netlm.http.ApiError;

/** The prefetch is completed from the client's FHIR server (a stub on loopback) with the client's bearer token. */
class PrefetchAssemblerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:15:00Z"), ZoneOffset.UTC);
    StubFhirServer fhir;
    PrefetchAssembler assembler;

    @BeforeEach
    void start() {
        fhir = new StubFhirServer();
        ServiceConfig config = ServiceConfig.defaults();
        TherapyCodes codes = TherapyCodes.load(JSON, List.of());
        assembler = new PrefetchAssembler(JSON, new FhirClient(JSON, Duration.ofSeconds(5), 1_000_000), config, codes, CLOCK);
    }

    @AfterEach
    void stop() {
        fhir.close();
    }

    static ObjectNode resource(String type, String id) {
        return JSON.createObjectNode().put("resourceType", type).put("id", id);
    }

    static ObjectNode searchset(String next, JsonNode... resources) {
        ObjectNode b = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        if (next != null) {
            b.putArray("link").addObject().put("relation", "next").put("url", next);
        }
        ArrayNode e = b.putArray("entry");
        for (JsonNode r : resources) {
            e.addObject().put("fullUrl", "http://ehr/" + r.path("resourceType").asText() + "/" + r.path("id").asText()).set("resource", r);
        }
        return b;
    }

    static String query(String key) {
        return PrefetchAssembler.TEMPLATES.get(key).replace("{{context.patientId}}", "p1");
    }

    HookRequest request(ObjectNode prefetch, boolean withServer) {
        ObjectNode req = ServiceHttp.hook("patient-view", "p1");
        if (withServer) {
            req.put("fhirServer", fhir.base());
            req.putObject("fhirAuthorization").put("access_token", "tok-123").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "netlm");
        }
        if (prefetch != null) {
            req.set("prefetch", prefetch);
        }
        return HookRequest.parse(req, "patient-view");
    }

    static List<String> keys(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        bundle.path("entry").forEach(e -> out.add(e.at("/resource/resourceType").asText() + "/" + e.at("/resource/id").asText()));
        return out;
    }

    @Test
    void whatThePrefetchLacksIsReadFromTheFhirServerWithTheBearerTokenFollowingNextLinks() {
        fhir.answers.put("Patient/p1", resource("Patient", "p1"));
        fhir.answers.put(query("conditions"), searchset(fhir.base() + "/Condition-page-2", resource("Condition", "c1")));
        fhir.answers.put("Condition-page-2", searchset(null, resource("Condition", "c2")));
        ObjectNode mr = resource("MedicationRequest", "mr1");
        mr.putObject("medicationReference").put("reference", "Medication/m1");
        fhir.answers.put(query("medicationRequests"), searchset(null, mr));
        fhir.answers.put("Medication/m1", resource("Medication", "m1"));
        for (String k : List.of("observations", "medicationStatements", "procedures", "reports")) {
            fhir.answers.put(query(k), searchset(null));
        }
        TherapyCodes codes = TherapyCodes.load(JSON, List.of());
        StringBuilder project = new StringBuilder("Observation?patient=p1&code=");
        for (int i = 0; i < codes.projectObservationCodes().size(); i++) {
            project.append(i == 0 ? "" : ",").append(TherapyCodes.PROJECT_OBSERVATION_SYSTEM).append('|').append(codes.projectObservationCodes().get(i));
        }
        fhir.answers.put(project.toString(), searchset(null, resource("Observation", "tb-1")));

        PrefetchAssembler.Assembled a = assembler.assemble(request(null, true));

        assertThat(keys(a.bundle())).containsExactly("Patient/p1", "Condition/c1", "Condition/c2", "MedicationRequest/mr1",
            "Medication/m1", "Observation/tb-1");
        assertThat(a.bundle().path("type").asText()).isEqualTo("collection");
        assertThat(a.bundle().path("timestamp").asText()).isEqualTo("2026-11-30T09:15:00Z");
        assertThat(a.incomplete()).isEmpty();
        assertThat(fhir.seen).isNotEmpty().allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer tok-123"));
        assertThat(codes.projectObservationCodes()).contains("sstr-status", "liver-resectable");
    }

    @Test
    void aNextLinkToAnotherServerIsNotFollowedAndTheCardSaysSo() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("patient", resource("Patient", "p1"));
        prefetch.set("conditions", searchset("https://elsewhere.example.org/fhir/page2", resource("Condition", "c1")));
        PrefetchAssembler.TEMPLATES.keySet().stream().skip(2).forEach(k -> prefetch.putNull(k));
        PrefetchAssembler.Assembled a = assembler.assemble(request(prefetch, true));
        assertThat(keys(a.bundle())).contains("Patient/p1", "Condition/c1");
        assertThat(a.incomplete()).anySatisfy(s -> assertThat(s).startsWith("PREFETCH_INCOMPLETE (conditions)"));
        assertThat(fhir.seen).noneMatch(s -> s.target().contains("page2"));
    }

    @Test
    void nullPrefetchKeysAddNothingAndNeedNoServer() {
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("patient", resource("Patient", "p1"));
        prefetch.set("conditions", searchset(null));
        PrefetchAssembler.TEMPLATES.keySet().stream().skip(2).forEach(k -> prefetch.putNull(k));
        PrefetchAssembler.Assembled a = assembler.assemble(request(prefetch, false));
        assertThat(keys(a.bundle())).containsExactly("Patient/p1");
        assertThat(a.incomplete()).isEmpty();
    }

    @Test
    void aRequiredKeyTheServerCannotGiveIs412() {
        fhir.answers.put("Patient/p1", resource("Patient", "p1")); // conditions: 404
        assertThatThrownBy(() -> assembler.assemble(request(null, true)))
            .isInstanceOfSatisfying(ApiError.Failure.class, f -> {
                assertThat(f.error().status()).isEqualTo(412);
                assertThat(f.error().problems()).extracting(ApiError.Problem::field).containsExactly("prefetch.conditions");
                assertThat(f.error().problems().get(0).reason()).contains("HTTP 404");
            });
    }
}
