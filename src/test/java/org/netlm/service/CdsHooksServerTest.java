package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netlm.service.ServiceHttp.JSON;
import static org.netlm.service.ServiceHttp.get;
import static org.netlm.service.ServiceHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.scenario.Scenario;
import org.netlm.scenario.ScenarioFiles;

/**
 * The service over real HTTP on a free loopback port, with signed tokens: discovery, patient-view on every shared
 * example scenario (cards consistent with {@code engine.assess} of the same patient), order-sign, errors, concurrency.
 */
class CdsHooksServerTest {
    static final Path EXAMPLES = Path.of("src/test/resources/scenarios/examples");

    @TempDir
    static Path dir;
    static NetlmEngine engine;
    static Map<String, PatientCase> patients = new HashMap<>();
    static TestIssuer ehr;
    static CdsHooksServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = NetlmEngine.withDefaultRules();
        for (Scenario s : scenarios().toList()) {
            PatientCase p = PatientJson.fromTree(s.patient());
            patients.put(p.getId(), p);
        }
        PatientCase lowClearance = PatientJson.fromTree(((ObjectNode) scenario("ex-05").patient().deepCopy())
            .put("id", "ex-05-crcl30").put("creatinineClearanceMlMin", 30));
        patients.put(lowClearance.getId(), lowClearance);
        ehr = TestIssuer.rsa("https://ehr.example.org", dir);
        ServiceConfig config = ServiceConfig.defaults().withIssuers(List.of(ehr.config()));
        server = CdsHooksServer.start(engine, new ScenarioPatients(patients), config, 0, CdsHooksServer.Auth.JWT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static Stream<Scenario> scenarios() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return ScenarioFiles.load(files).stream().filter(s -> s.expect().invalid() == null || s.expect().invalid().isEmpty());
    }

    static Scenario scenario(String id) throws Exception {
        return scenarios().filter(s -> s.patient().path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    static String url(String path) {
        return server.baseUrl() + path;
    }

    static ServiceHttp.Response call(String serviceId, JsonNode body) throws Exception {
        String path = "/cds-services/" + serviceId;
        return post(url(path), JSON.writeValueAsString(body), ehr.token(url(path)));
    }

    @Test
    void discoveryListsBothServicesWithThePrefetchTemplatesOfTheMapping() throws Exception {
        ServiceHttp.Response r = get(url("/cds-services"), ehr.token(url("/cds-services")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode services = r.json().path("services");
        assertThat(services).hasSize(2);
        JsonNode pv = services.get(0);
        assertThat(pv.path("hook").asText()).isEqualTo("patient-view");
        assertThat(pv.path("id").asText()).isEqualTo("netlm-liver-metastases");
        assertThat(pv.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(pv.path("prefetch").path("observations").asText())
            .startsWith("Observation?patient={{context.patientId}}&code=http://loinc.org|29593-1,")
            .endsWith("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl|C18000");
        assertThat(pv.path("prefetch").fieldNames()).toIterable().containsExactly("patient", "conditions", "observations",
            "medicationRequests", "medicationStatements", "procedures", "reports");
        JsonNode os = services.get(1);
        assertThat(os.path("hook").asText()).isEqualTo("order-sign");
        assertThat(os.path("id").asText()).isEqualTo("netlm-therapy-check");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void patientViewCardsAreTheAssessmentOfTheSamePatient(Scenario s) throws Exception {
        PatientCase patient = PatientJson.fromTree(s.patient());
        Assessment expected = engine.assess(patient);
        ServiceHttp.Response r = call("netlm-liver-metastases", ServiceHttp.patientView(patient.getId()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> cards = new ArrayList<>();
        r.json().path("cards").forEach(cards::add);

        for (JsonNode c : cards) {
            assertThat(c.path("uuid").asText()).matches("[0-9a-f-]{36}");
            assertThat(c.path("summary").asText()).hasSizeLessThan(140);
            assertThat(c.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(c.path("detail").asText()).contains(Assessment.DISCLAIMER);
            assertThat(c.path("source").path("label").asText()).startsWith("NETLM Rules");
        }
        List<JsonNode> recCards = cards.stream().filter(c -> c.at("/source/topic/code").asText().equals("recommendation")).toList();
        assertThat(recCards).hasSameSizeAs(expected.recommendations());
        for (int i = 0; i < expected.recommendations().size(); i++) {
            Recommendation rec = expected.recommendations().get(i);
            JsonNode card = recCards.get(i);
            assertThat(card.path("summary").asText()).contains(CardRenderer.therapyLabel(rec.therapy()))
                .contains(CardRenderer.strengthWords(rec.strength()));
            assertThat(card.path("indicator").asText()).isEqualTo(rec.strength() == Strength.CONTRAINDICATED ? "warning" : "info");
            assertThat(card.path("detail").asText()).contains(rec.rationale()).contains(rec.ruleId());
            rec.evidence().stream().map(CardRenderer::url).filter(u -> u != null).findFirst()
                .ifPresentOrElse(u -> assertThat(card.at("/source/url").asText()).isEqualTo(u),
                    () -> assertThat(card.at("/source/url").isMissingNode()).isTrue());
            if (rec.strength().isOffered()) {
                assertThat(card.path("detail").asText()).contains("**Why**");
            }
        }
        List<Warning> safety = expected.warnings().stream().filter(w -> CardRenderer.SAFETY_WARNINGS.contains(w.code())).toList();
        List<JsonNode> warningCards = cards.stream().filter(c -> c.at("/source/topic/code").asText().equals("warning")).toList();
        assertThat(warningCards).hasSize(safety.isEmpty() ? 0 : 1);
        safety.forEach(w -> assertThat(warningCards.get(0).path("detail").asText()).contains(w.code().name()).contains(w.message()));
        boolean dataWarnings = expected.warnings().size() > safety.size();
        assertThat(cards).hasSize(expected.recommendations().size() + warningCards.size() + (dataWarnings ? 1 : 0));
    }

    @Test
    void anOutOfScopePatientGetsOneInfoCardSayingWhatIsMissing() throws Exception {
        ServiceHttp.Response r = call("netlm-liver-metastases", ServiceHttp.patientView("nobody"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("cards")).hasSize(1);
        JsonNode card = r.json().path("cards").get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("info");
        assertThat(card.path("summary").asText()).contains("not assessed").contains("primarySite").contains("differentiation");
        assertThat(card.path("detail").asText()).contains("primarySite: required").contains(Assessment.DISCLAIMER);
    }

    @Test
    void orderSignWarnsCriticallyForPrrtBelowACreatinineClearanceOf40() throws Exception {
        assertThat(engine.assess(patients.get("ex-05-crcl30")).strengthOf(Therapy.PRRT)).hasValue(Strength.CONTRAINDICATED);
        ServiceHttp.Response r = call("netlm-therapy-check", ServiceHttp.orderSign("ex-05-crcl30", "V10XX04"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("cards")).hasSize(1);
        JsonNode card = r.json().path("cards").get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("critical");
        assertThat(card.path("summary").asText()).contains("PRRT").contains("contraindicated");
        assertThat(card.path("detail").asText()).contains("MedicationRequest/draft-0").contains("**Why not**").contains(Assessment.DISCLAIMER);
        assertThat(card.path("overrideReasons")).isNotEmpty();
        assertThat(card.path("overrideReasons").get(0).path("system").asText()).isEqualTo(CardRenderer.OVERRIDE_SYSTEM);
    }

    @Test
    void orderSignSaysNothingWhenTheOrderedTherapyIsOffered() throws Exception {
        assertThat(engine.assess(patients.get("ex-05")).strengthOf(Therapy.PRRT)).hasValue(Strength.RECOMMENDED);
        ServiceHttp.Response r = call("netlm-therapy-check", ServiceHttp.orderSign("ex-05", "V10XX04", "L01EG02"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("cards")).isEmpty();
    }

    @Test
    void orderSignIgnoresOrdersOutsideTheKnowledgeBaseEvenForAnUnknownPatient() throws Exception {
        ServiceHttp.Response r = call("netlm-therapy-check", ServiceHttp.orderSign("nobody", "N02BE01")); // paracetamol
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("cards")).isEmpty();
    }

    @Test
    void orderSignForAnUnassessablePatientGivesOneInfoCard() throws Exception {
        ServiceHttp.Response r = call("netlm-therapy-check", ServiceHttp.orderSign("nobody", "V10XX04"));
        assertThat(r.json().path("cards")).hasSize(1);
        assertThat(r.json().at("/cards/0/indicator").asText()).isEqualTo("info");
    }

    @Test
    void unknownServiceIs404InTheJsonErrorShape() throws Exception {
        ServiceHttp.Response r = call("no-such-service", ServiceHttp.patientView("ex-01"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("UNKNOWN_SERVICE");
        assertThat(r.json().at("/error/status").asInt()).isEqualTo(404);
    }

    @Test
    void malformedJsonIs400NamingTheProblemWithoutAStackTrace() throws Exception {
        String path = "/cds-services/netlm-liver-metastases";
        ServiceHttp.Response r = post(url(path), "{\"hook\": \"patient-view\", ", ehr.token(url(path)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(r.json().at("/error/problems/0/reason").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anInvalidRequestListsEveryProblemAtOnce() throws Exception {
        ObjectNode req = JSON.createObjectNode().put("hook", "order-select").put("fhirServer", "ftp://x");
        ServiceHttp.Response r = call("netlm-liver-metastases", req);
        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().at("/error/problems").forEach(p -> fields.add(p.path("field").asText()));
        assertThat(fields).contains("hook", "hookInstance", "fhirServer", "context");
    }

    @Test
    void aPatientIdThatIsNotAFhirIdIsRefused() throws Exception {
        ServiceHttp.Response r = call("netlm-liver-metastases", ServiceHttp.patientView("../../x?y"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/problems/0/field").asText()).isEqualTo("context.patientId");
    }

    @Test
    void withoutPatientOrConditionsAndNoFhirServerTheAnswerIs412() throws Exception {
        ObjectNode req = ServiceHttp.patientView("ex-01");
        ((ObjectNode) req.get("prefetch")).remove("conditions");
        ServiceHttp.Response r = call("netlm-liver-metastases", req);
        assertThat(r.status()).isEqualTo(412);
        assertThat(r.json().at("/error/problems/0/field").asText()).isEqualTo("prefetch.conditions");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        String path = "/cds-services/netlm-liver-metastases";
        String big = "{\"pad\": \"" + "x".repeat(6_000_000) + "\"}";
        ServiceHttp.Response r = post(url(path), big, ehr.token(url(path)));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void feedbackIsAcceptedAndChecked() throws Exception {
        String path = "/cds-services/netlm-liver-metastases/feedback";
        String ok = "{\"feedback\":[{\"card\":\"9368d37b-283f-44a0-93ea-547cebab93ed\",\"outcome\":\"overridden\","
            + "\"overrideReason\":{\"reason\":{\"system\":\"" + CardRenderer.OVERRIDE_SYSTEM + "\",\"code\":\"tumour-board-decision\"}},"
            + "\"outcomeTimestamp\":\"2026-11-30T09:00:00Z\"}]}";
        long before = server.service().feedbackCounts()[1];
        assertThat(post(url(path), ok, ehr.token(url(path))).status()).isEqualTo(200);
        assertThat(server.service().feedbackCounts()[1]).isEqualTo(before + 1);
        ServiceHttp.Response bad = post(url(path), "{\"feedback\":[{\"outcome\":\"maybe\"}]}", ehr.token(url(path)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/problems")).hasSize(3);
    }

    @Test
    void concurrentCallsGiveEachPatientItsOwnCards() throws Exception {
        List<String> ids = new ArrayList<>(patients.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                String id = ids.get(i % ids.size());
                results.add(pool.submit(() -> {
                    ServiceHttp.Response r = call("netlm-liver-metastases", ServiceHttp.patientView(id));
                    long recCards = 0;
                    for (JsonNode c : r.json().path("cards")) {
                        recCards += c.at("/source/topic/code").asText().equals("recommendation") ? 1 : 0;
                    }
                    return r.status() == 200 && recCards == engine.assess(patients.get(id)).recommendations().size();
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
