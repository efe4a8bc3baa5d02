package org.netlm.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.scenario.ScenarioFiles;
import org.netlm.scenario.ScenarioResult;
import org.netlm.scenario.ScenarioRunner;
import org.slf4j.LoggerFactory;

/** The workbench's JSON API over real HTTP on a free loopback port: the mechanics behind the page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchApiTest {
    Path tmp;

    WorkbenchFixture wb;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        tmp = dir;
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        wb = new WorkbenchFixture(tmp);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (wb != null) {
            wb.close();
        }
    }

    @Test
    void servesThePageAndItsModulesFromTheJarWithASecurityPolicy() {
        WorkbenchFixture.Response page = wb.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("/static/app.js").doesNotContain("http://", "https://");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c).contains("default-src 'self'"));
        for (String f : List.of("app.js", "api.js", "dom.js", "whatif.js", "rules.js", "impact.js", "app.css")) {
            WorkbenchFixture.Response r = wb.get("/static/" + f);
            assertThat(r.status()).as(f).isEqualTo(200);
            assertThat(r.body()).as(f + " loads nothing from elsewhere").doesNotContain("import('http", "from 'http", "url(http", "@import");
        }
        assertThat(wb.get("/static/nothing.js").status()).isEqualTo(404);
        assertThat(wb.get("/static/..%2Ffield-labels.properties").status()).isEqualTo(404);
    }

    @Test
    void fieldListComesFromTheModel() {
        JsonNode f = wb.get("/api/patient-fields").json();
        assertThat(f.get("fields")).hasSize(PatientJson.fieldNames().size());
        JsonNode sstr = field(f, "sstrStatus");
        assertThat(sstr.get("kind").asText()).isEqualTo("ENUM");
        assertThat(sstr.get("values").toString()).isEqualTo("[\"POSITIVE\",\"NEGATIVE\",\"UNKNOWN\"]");
        assertThat(field(f, "ki67Percent").get("max").asDouble()).isEqualTo(100);
        assertThat(field(f, "id").get("required").asBoolean()).isTrue();
        assertThat(f.at("/priorTherapy/outcome").toString()).contains("PROGRESSION", "UNKNOWN");
    }

    private static JsonNode field(JsonNode fields, String name) {
        for (JsonNode n : fields.get("fields")) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no field " + name);
    }

    @Test
    void examplesAreShippedAndValid() {
        JsonNode examples = wb.get("/api/examples").json();
        assertThat(examples.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode e : examples) {
            assertThat(wb.post("/api/assess", e.get("patient")).status()).as(e.get("key").asText()).isEqualTo(200);
        }
    }

    @Test
    void assessesAPatientWithWhyAndWhyNot() throws IOException {
        ObjectNode p = WorkbenchFixture.example04();
        p.remove("sstrStatus");
        p.remove("priorTherapies");
        JsonNode before = wb.post("/api/assess", p).json().get("assessment");
        assertThat(strength(before, "PRRT")).isEqualTo("CONSIDER");
        p.put("sstrStatus", "POSITIVE");
        p.putArray("priorTherapies").addObject().put("therapy", "SOMATOSTATIN_ANALOGUE").put("outcome", "PROGRESSION");
        WorkbenchFixture.Response r = wb.post("/api/assess", p);
        JsonNode after = r.json().get("assessment");
        assertThat(strength(after, "PRRT")).isEqualTo("RECOMMENDED");
        assertThat(after.at("/explanations/PRRT/why/deciding/ruleId").asText()).isNotEmpty();
        assertThat(after.get("disclaimer").asText()).contains("not a prescription");
        assertThat(r.json().at("/rules/state").asText()).isEqualTo("OK");
        assertThat(r.json().at("/rules/stale").asBoolean()).isFalse();
    }

    static String strength(JsonNode assessment, String therapy) {
        for (JsonNode r : assessment.get("recommendations")) {
            if (r.get("therapy").asText().equals(therapy)) {
                return r.get("strength").asText();
            }
        }
        return "absent";
    }

    @Test
    void anInvalidPatientGetsEveryProblemInTheOneErrorShape() {
        WorkbenchFixture.Response r = wb.post("/api/assess", Map.of("id", "x", "ki67Percent", 140, "ecog", 7, "sstrStatus", "MAYBE"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("INVALID_PATIENT");
        List<String> fields = new ArrayList<>();
        r.json().at("/error/problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).contains("ki67Percent", "ecog", "sstrStatus", "primarySite", "differentiation");
        assertThat(wb.post("/api/assess", "{\"id\": ").status()).isEqualTo(400);
    }

    @Test
    void changingRequestsMustBeJsonFromThePageItself() {
        WorkbenchFixture.Response text = WorkbenchFixture.send(HttpRequest.newBuilder(URI.create(wb.url("/api/assess")))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(text.status()).isEqualTo(415);
        WorkbenchFixture.Response foreign = WorkbenchFixture.send(HttpRequest.newBuilder(URI.create(wb.url("/api/assess")))
            .header("Content-Type", "application/json").header("Origin", "https://evil.example")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().at("/error/code").asText()).isEqualTo("FORBIDDEN_ORIGIN");
    }

    @Test
    void refusesRequestsForAnotherHostName() throws IOException {
        try (Socket s = new Socket("127.0.0.1", wb.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/rules HTTP/1.1\r\nHost: rebound.evil.example\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("FORBIDDEN_HOST").doesNotContain("evidence.json");
        }
    }

    @Test
    void importsPastedJsonAndFhirBundles() throws IOException {
        JsonNode ok = wb.post("/api/patient/import", Map.of("format", "json",
            "text", "{\"id\":\"p1\",\"primarySite\":\"PANCREAS\",\"differentiation\":\"WELL\",\"ki67Percent\":5}")).json();
        assertThat(ok.at("/patient/ki67Percent").asDouble()).isEqualTo(5.0);
        WorkbenchFixture.Response typo = wb.post("/api/patient/import", Map.of("format", "json",
            "text", "{\"id\":\"p1\",\"primarySite\":\"PANCREAS\",\"differentiation\":\"WELL\",\"ki67Prcent\":5}"));
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.json().at("/error/problems/0/reason").asText()).contains("did you mean ki67Percent");
        Path bundle = Path.of("examples/fhir/resectable-g2-pancreatic.json");
        WorkbenchFixture.Response fhir = wb.post("/api/patient/import", Map.of("format", "fhir", "text", Files.readString(bundle)));
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.json().at("/patient/primarySite").asText()).isNotEmpty();
        assertThat(wb.post("/api/assess", fhir.json().get("patient")).status()).isEqualTo(200);
        WorkbenchFixture.Response notFhir = wb.post("/api/patient/import", Map.of("format", "fhir", "text", "{\"resourceType\": \"Patient\"}"));
        assertThat(notFhir.status()).isEqualTo(422);
        assertThat(notFhir.json().at("/error/code").asText()).isEqualTo("INVALID_PATIENT");
    }

    @Test
    void exportedScenarioHoldsTheCurrentOutputAndPasses() throws Exception {
        ObjectNode p = WorkbenchFixture.example04();
        JsonNode scenario = wb.post("/api/scenario", Map.of("name", "exported ex-04", "patient", p)).json();
        assertThat(scenario.get("name").asText()).isEqualTo("exported ex-04");
        assertThat(scenario.at("/expect/recommendations").size()).isGreaterThan(0);
        Path file = tmp.resolve("exported.json");
        Files.writeString(file, scenario.toString());
        ScenarioResult result = new ScenarioRunner(NetlmEngine.fromDirectory(wb.rules)).run(ScenarioFiles.loadFile(file).get(0));
        assertThat(result.differences()).isEmpty();

        JsonNode invalid = wb.post("/api/scenario", Map.of("name", "bad", "patient", Map.of("id", "b", "ki67Percent", 140))).json();
        assertThat(invalid.at("/expect/invalid").toString()).contains("ki67Percent");
    }

    @Test
    void listsAndServesTheRuleFilesWithTheCatalogue() {
        JsonNode rules = wb.get("/api/rules").json();
        assertThat(rules.get("state").asText()).isEqualTo("OK");
        assertThat(rules.get("editable").asBoolean()).isTrue();
        List<String> files = new ArrayList<>();
        rules.get("files").forEach(f -> files.add(f.get("path").asText()));
        assertThat(files).contains("evidence.json").anyMatch(f -> f.endsWith(".drl"));
        String drl = files.stream().filter(f -> f.endsWith(".drl")).findFirst().orElseThrow();
        assertThat(wb.get("/api/rules/file?path=" + drl).json().get("content").asText()).contains("rule ");

        JsonNode catalog = wb.get("/api/catalog").json();
        JsonNode fired = null;
        for (JsonNode r : catalog.get("rules")) {
            if (r.get("scenarios").size() > 0 && r.get("evidence").size() > 0 && r.get("conditions").size() > 0) {
                fired = r;
                break;
            }
        }
        assertThat(fired).as("a rule with conditions, evidence and scenarios that fire it").isNotNull();
        assertThat(fired.at("/evidence/0/label").asText()).isNotEmpty();
        assertThat(catalog.at("/scenarios/total").asInt()).isGreaterThan(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../pom.xml", "..%2Fcohort.ndjson", "/etc/passwd", "%2Fetc%2Fpasswd", "classification/../../cohort.ndjson",
        "classification", "", "outside.drl", "..%5Ccohort.ndjson"})
    void neverServesOrWritesAFileOutsideTheRuleFolder(String path) {
        WorkbenchFixture.Response read = wb.get("/api/rules/file?path=" + path);
        assertThat(read.status()).as(path).isEqualTo(404);
        assertThat(read.json().at("/error/code").asText()).isEqualTo("NOT_A_RULE_FILE");
        WorkbenchFixture.Response write = wb.put("/api/rules/file?path=" + path, "x");
        assertThat(write.status()).as(path).isEqualTo(404);
    }

    @Test
    void aLinkOutOfTheFolderIsNeitherListedNorServed() throws Exception {
        Path secret = tmp.resolve("secret.drl");
        Files.writeString(secret, "// not a rule file of the folder\n");
        Path link = wb.rules.resolve("recommendation/zz-link.drl");
        Files.createSymbolicLink(link, secret);
        try {
            Thread.sleep(1500); // some polls
            assertThat(wb.get("/api/rules").body()).doesNotContain("zz-link.drl");
            assertThat(wb.get("/api/rules/file?path=recommendation/zz-link.drl").status()).isEqualTo(404);
            assertThat(wb.put("/api/rules/file?path=recommendation/zz-link.drl", "x").status()).isEqualTo(404);
            assertThat(Files.readString(secret)).isEqualTo("// not a rule file of the folder\n");
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aBrokenEditIsReportedWithFileAndLineAndTheLastGoodRulesStayInUse() throws Exception {
        JsonNode ok = wb.awaitRules("OK", "", Duration.ofMinutes(3));
        String file = wb.ruleFileContaining("Strength.RECOMMENDED");
        String original = wb.get("/api/rules/file?path=" + file).json().get("content").asText();
        String broken = original.replaceFirst("\\bthen\\b", "then this is not java ;;; (");
        try {
            JsonNode saved = wb.put("/api/rules/file?path=" + file, broken).json();
            assertThat(saved.get("state").asText()).isEqualTo("ERRORS");
            assertThat(saved.get("problems").get(0).get("file").asText()).isEqualTo(file);
            assertThat(saved.get("problems").get(0).get("text").asText()).startsWith(file + ":");
            assertThat(saved.get("stale").asBoolean()).isTrue();
            assertThat(Files.readString(wb.rules.resolve(file))).isEqualTo(broken);
            JsonNode assessed = wb.post("/api/assess", WorkbenchFixture.example04()).json();
            assertThat(assessed.at("/rules/stale").asBoolean()).isTrue();
            assertThat(assessed.at("/rules/digest").asText()).isEqualTo(ok.get("digest").asText());
            assertThat(wb.post("/api/impact", Map.of("against", "bundled")).json().at("/error/code").asText()).isEqualTo("RULES_BROKEN");
        } finally {
            wb.put("/api/rules/file?path=" + file, original);
        }
        assertThat(wb.awaitRules("OK", "", Duration.ofMinutes(3)).get("digest").asText()).isEqualTo(ok.get("digest").asText());
    }

    @Test
    void anEditOnDiskIsNoticedAndValidatedAgain() throws Exception {
        JsonNode ok = wb.awaitRules("OK", "", Duration.ofMinutes(3));
        Path file = wb.rules.resolve("evidence.json");
        String original = Files.readString(file);
        try {
            Files.writeString(file, "{ not json");
            JsonNode broken = wb.awaitRules("ERRORS", ok.get("digest").asText(), Duration.ofMinutes(3));
            assertThat(broken.get("problems").get(0).get("file").asText()).isEqualTo("evidence.json");
        } finally {
            Files.writeString(file, original);
        }
        wb.awaitRules("OK", "", Duration.ofMinutes(3));
    }

    @Test
    void comparesWithTheBundledRulesOnTheCohortWithExamplePatients() throws Exception {
        wb.awaitRules("OK", "", Duration.ofMinutes(3));
        String file = wb.ruleFileContaining("Strength.RECOMMENDED");
        String original = wb.get("/api/rules/file?path=" + file).json().get("content").asText();
        // An edit with an effect: every RECOMMENDED in one file of recommendation rules becomes CONSIDER (consequence and
        // @offers declaration alike: a consequence that inserts what its @offers does not declare is refused).
        String edited = original.replace("Strength.RECOMMENDED", "Strength.CONSIDER").replace(":RECOMMENDED", ":CONSIDER");
        try {
            assertThat(wb.put("/api/rules/file?path=" + file, edited).json().get("state").asText()).isEqualTo("OK");
            JsonNode res = wb.post("/api/impact", Map.of("against", "bundled")).json();
            JsonNode report = res.get("report");
            assertThat(report.get("patients").asLong()).isEqualTo(WorkbenchFixture.COHORT_SIZE);
            assertThat(report.get("changed").asLong()).isPositive();
            assertThat(report.get("therapies").size()).isPositive();
            assertThat(res.get("chartSvg").asText()).startsWith("<svg");
            String example = report.at("/therapies/0/examples/0/patientId").asText();
            assertThat(res.at("/patients/" + example + "/id").asText()).isEqualTo(example);
            assertThat(wb.post("/api/assess", res.at("/patients/" + example)).status()).isEqualTo(200);
            assertThat(wb.post("/api/impact", Map.of("against", "elsewhere")).status()).isEqualTo(400);
        } finally {
            wb.put("/api/rules/file?path=" + file, original);
        }
    }

    @Test
    void noPatientDataInTheLogs() {
        wb.post("/api/assess", Map.of("id", "LOGCHECK-4711", "primarySite", "PANCREAS", "differentiation", "WELL", "ki67Percent", 3));
        wb.post("/api/assess", Map.of("id", "LOGCHECK-4711", "ki67Percent", 140));
        wb.post("/api/scenario", Map.of("patient", Map.of("id", "LOGCHECK-4711", "primarySite", "PANCREAS", "differentiation", "WELL")));
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("LOGCHECK-4711"));
    }

    @Test
    void theBundledRulesAreReadOnly(@TempDir Path other) throws Exception {
        try (WorkbenchServer bundled = WorkbenchServer.start(new WorkbenchServer.Config(null, "127.0.0.1", 0, List.of(), List.of(), null,
            Duration.ofSeconds(1), 1))) {
            String base = bundled.url();
            WorkbenchFixture.Response rules = WorkbenchFixture.send(HttpRequest.newBuilder(URI.create(base + "api/rules")).build());
            assertThat(rules.json().get("editable").asBoolean()).isFalse();
            String path = rules.json().at("/files/0/path").asText();
            WorkbenchFixture.Response write = WorkbenchFixture.send(HttpRequest.newBuilder(URI.create(base + "api/rules/file?path=" + path))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("x")).build());
            assertThat(write.status()).isEqualTo(404);
            assertThat(write.body()).contains("read-only");
            WorkbenchFixture.Response impact = WorkbenchFixture.send(HttpRequest.newBuilder(URI.create(base + "api/impact"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(impact.json().at("/error/code").asText()).isEqualTo("NO_COHORT");
        }
    }
}
