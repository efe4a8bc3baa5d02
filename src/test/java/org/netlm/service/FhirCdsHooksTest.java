package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netlm.service.ServiceHttp.JSON;
import static org.netlm.service.ServiceHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.fhir.FhirMappingException;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * The service with the real FHIR mapping, over real HTTP: the example Bundles of examples/fhir split into the
 * patient-view prefetch keys (Medications and BodyStructures served by a stub FHIR server with the bearer token),
 * the cards compared with {@code engine.assess} of the same Bundle mapped by {@link FhirPatientMapper} as of today.
 */
class FhirCdsHooksTest {
    static final Path EXAMPLES = Path.of("examples/fhir");

    @TempDir
    static Path dir;
    static NetlmEngine engine;
    static TestIssuer ehr;
    static CdsHooksServer server;
    static StubFhirServer fhir;

    @BeforeAll
    static void start() throws Exception {
        engine = NetlmEngine.withDefaultRules();
        ehr = TestIssuer.ec("https://ehr.example.org", dir);
        fhir = new StubFhirServer();
        server = CdsHooksServer.start(engine, FhirPatientMapping.withDefaults(),
            ServiceConfig.defaults().withIssuers(List.of(ehr.config())), 0, CdsHooksServer.Auth.JWT);
    }

    @AfterAll
    static void stop() {
        server.stop();
        fhir.close();
    }

    static Stream<Path> bundles() throws Exception {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".mapping.json")).sorted().toList().stream();
        }
    }

    /** The example split into prefetch keys; resources no template reads are put on the stub FHIR server. */
    static ObjectNode request(String hook, JsonNode bundle) {
        ObjectNode req = ServiceHttp.fromBundle(hook, bundle, r -> fhir.answers.put(r.path("resourceType").asText() + "/"
            + r.path("id").asText(), r));
        req.put("fhirServer", fhir.base());
        req.putObject("fhirAuthorization").put("access_token", "t-1").put("token_type", "Bearer").put("expires_in", 300)
            .put("scope", "patient/*.read").put("subject", "netlm");
        return req;
    }

    static ServiceHttp.Response call(String service, JsonNode body) throws Exception {
        String url = server.baseUrl() + "/cds-services/" + service;
        return post(url, JSON.writeValueAsString(body), ehr.token(url));
    }

    static Assessment expected(Path bundle) throws Exception {
        try {
            return engine.assess(FhirPatientMapper.withDefaults().map(Files.readString(bundle), LocalDate.now(ZoneOffset.UTC)).patientCase());
        } catch (FhirMappingException e) {
            return null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void patientViewCardsFromAFhirPrefetchAreTheAssessmentOfTheSameBundle(Path file) throws Exception {
        JsonNode bundle = JSON.readTree(file.toFile());
        ServiceHttp.Response r = call("netlm-liver-metastases", request("patient-view", bundle));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Assessment expected = expected(file);
        List<String> recCards = new ArrayList<>();
        r.json().path("cards").forEach(c -> {
            if (c.at("/source/topic/code").asText().equals("recommendation")) {
                recCards.add(c.path("summary").asText());
            }
        });
        if (expected == null) {
            assertThat(r.json().path("cards")).hasSize(1);
            assertThat(r.json().at("/cards/0/summary").asText()).contains("not assessed");
            return;
        }
        List<String> want = expected.recommendations().stream()
            .map(rec -> CardRenderer.summary(CardRenderer.therapyLabel(rec.therapy()) + " " + CardRenderer.strengthWords(rec.strength())))
            .toList();
        assertThat(recCards).containsExactlyElementsOf(want);
        assertThat(r.json().path("extension").path(CdsHooksService.MAPPING_EXTENSION).path("subject").asText()).startsWith("Patient/");
        assertThat(fhir.seen).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer t-1"));
    }

    @Test
    void orderSignOnAFhirPatientWarnsExactlyForTheTherapiesTheAssessmentWithholds() throws Exception {
        Path file = EXAMPLES.resolve("progressive-midgut-after-ssa.json");
        Assessment expected = expected(file);
        assertThat(expected).isNotNull();
        Map<Therapy, String> atc = Map.of(Therapy.PRRT, "V10XX04", Therapy.EVEROLIMUS, "L01EG02", Therapy.SUNITINIB, "L01EX01",
            Therapy.CABOZANTINIB, "L01EX07", Therapy.CHEMOTHERAPY, "L01BC06", Therapy.SOMATOSTATIN_ANALOGUE, "H01CB02");
        int warned = 0;
        for (Map.Entry<Therapy, String> order : atc.entrySet()) {
            ObjectNode req = request("order-sign", JSON.readTree(file.toFile()));
            ObjectNode draft = ServiceHttp.orderSign("x", order.getValue());
            req.withObjectProperty("context").set("draftOrders", draft.at("/context/draftOrders"));
            ServiceHttp.Response r = call("netlm-therapy-check", req);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Strength s = expected.recommendation(order.getKey()).map(Recommendation::strength).orElse(null);
            boolean withheld = s == Strength.NOT_RECOMMENDED || s == Strength.CONTRAINDICATED;
            assertThat(r.json().path("cards")).as(order.getKey() + " " + s).hasSize(withheld ? 1 : 0);
            if (withheld) {
                warned++;
                assertThat(r.json().at("/cards/0/indicator").asText()).isEqualTo(s == Strength.CONTRAINDICATED ? "critical" : "warning");
            }
        }
        assertThat(warned).as("the example withholds some of these therapies and offers others").isBetween(1, atc.size() - 1);
    }

    @Test
    void aSiteMappingFileLetsTheServiceReadLocalCodes() throws Exception {
        Path bundle = EXAMPLES.resolve("local-codes-site.json");
        Path mappingFile = EXAMPLES.resolve("local-codes-site.mapping.json");
        assertThat(expected(bundle)).as("not assessable with the built-in codes alone").isNull();
        Assessment expected = engine.assess(FhirPatientMapper.withMappingFile(mappingFile)
            .map(Files.readString(bundle), LocalDate.now(ZoneOffset.UTC)).patientCase());
        try (CdsHooksServer site = CdsHooksServer.start(engine, FhirPatientMapping.withMappingFile(mappingFile),
            ServiceConfig.defaults(), 0, CdsHooksServer.Auth.NONE)) {
            ServiceHttp.Response r = post(site.baseUrl() + "/cds-services/netlm-liver-metastases",
                JSON.writeValueAsString(request("patient-view", JSON.readTree(bundle.toFile()))), null);
            List<String> recCards = new ArrayList<>();
            r.json().path("cards").forEach(c -> {
                if (c.at("/source/topic/code").asText().equals("recommendation")) {
                    recCards.add(c.path("summary").asText());
                }
            });
            assertThat(recCards).isNotEmpty().containsExactlyElementsOf(expected.recommendations().stream()
                .map(rec -> CardRenderer.summary(CardRenderer.therapyLabel(rec.therapy()) + " " + CardRenderer.strengthWords(rec.strength())))
                .toList());
        }
    }
}
