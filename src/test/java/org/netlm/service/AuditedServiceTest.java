package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netlm.service.ServiceHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditEvent;
import org.netlm.audit.AuditStore;
import org.netlm.audit.Feedback;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;

/**
 * The service with its audit trail, over real HTTP: every card shown is recorded before it is answered, feedback is
 * stored against the card (404 for an unknown card, 400 when malformed), and a store that fails gives 503, never a
 * card that was not recorded.
 */
class AuditedServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    NetlmEngine engine = NetlmEngine.withDefaultRules();
    PatientCase patient = Patients.resectableG2("MRN-4711");
    AuditStore audit;
    CdsHooksServer server;
    TestIssuer ehr;

    @BeforeEach
    void start() throws Exception {
        audit = JdbcAuditStore.open(AuditConfig.embedded(dir.resolve("audit"), "service-test-secret-123"));
        ehr = TestIssuer.rsa("https://ehr.example.org", dir);
        server = CdsHooksServer.start(engine, new ScenarioPatients(Map.of(patient.getId(), patient)),
            ServiceConfig.defaults().withIssuers(List.of(ehr.config())), 0, CdsHooksServer.Auth.JWT, audit);
    }

    @AfterEach
    void stop() {
        server.stop();
        audit.close();
    }

    ServiceHttp.Response send(String path, String body) throws Exception {
        String url = server.baseUrl() + path;
        return post(url, body, ehr.token(url));
    }

    @Test
    void everyCardShownIsRecordedWithTheRecommendationItIsAboutAndFeedbackComesBack() throws Exception {
        ServiceHttp.Response r = send("/cds-services/netlm-liver-metastases",
            JSON.writeValueAsString(ServiceHttp.patientView(patient.getId())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode cards = r.json().get("cards");
        Assessment a = engine.assess(patient);

        List<AuditEvent> events = audit.show(audit.patientKey(patient.getId()));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo(CdsHooksService.PATIENT_VIEW_ID);
            assertThat(e.hook()).isEqualTo("patient-view");
            assertThat(e.knowledgeVersion()).isEqualTo(a.knowledgeVersion());
            assertThat(e.rulesetVersion()).isEqualTo(a.rulesetVersion());
            assertThat(e.recommendations()).hasSize(a.recommendations().size());
            assertThat(e.cards()).extracting(c -> c.card().uuid())
                .containsExactlyInAnyOrderElementsOf(cards.findValuesAsText("uuid"));
            assertThat(e.cards()).filteredOn(c -> c.card().therapy() != null).extracting(c -> c.card().ruleId())
                .containsExactlyInAnyOrderElementsOf(a.recommendations().stream().map(x -> x.ruleId()).toList());
            assertThat(e.patientId()).as("raw id not stored by default").isNull();
        });

        String uuid = cards.get(cards.size() - 1).get("uuid").asText();
        ServiceHttp.Response fb = send("/cds-services/netlm-liver-metastases/feedback", "{\"feedback\":[{\"card\":\"" + uuid
            + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"patient-preference\","
            + "\"display\":\"Informed patient preference\"},\"userComment\":\"wants surveillance\"},"
            + "\"outcomeTimestamp\":\"2026-11-30T09:00:00Z\"}]}");
        assertThat(fb.status()).as(fb.body()).isEqualTo(200);
        AuditEvent.ShownCard shown = audit.show(audit.patientKey(patient.getId())).get(0).cards().stream()
            .filter(c -> c.card().uuid().equals(uuid)).findFirst().orElseThrow();
        assertThat(shown.feedback()).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Feedback.Outcome.OVERRIDDEN);
            assertThat(f.reasonDisplay()).isEqualTo("Informed patient preference");
            assertThat(f.comment()).isEqualTo("wants surveillance");
        });
        assertThat(audit.report(null).events()).isEqualTo(1);
    }

    @Test
    void feedbackOnAnUnknownCardIs404AndMalformedFeedbackIs400() throws Exception {
        ServiceHttp.Response unknown = send("/cds-services/netlm-liver-metastases/feedback",
            "{\"feedback\":[{\"card\":\"no-such-card\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-30T09:00:00Z\"}]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no-such-card").doesNotContain("Exception");
        ServiceHttp.Response bad = send("/cds-services/netlm-liver-metastases/feedback", "{\"feedback\":[{\"outcome\":\"maybe\"}]}");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void whenTheStoreFailsTheCallIs503AndNoCardIsShown() throws Exception {
        audit.close(); // the database is gone
        ServiceHttp.Response r = send("/cds-services/netlm-liver-metastases",
            JSON.writeValueAsString(ServiceHttp.patientView(patient.getId())));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("AUDIT_UNAVAILABLE").doesNotContain("\"cards\"").doesNotContain("Exception");
    }
}
