package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.AuditEvent;
import org.netlm.audit.AuditStore;
import org.netlm.audit.Feedback;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.testing.Patients;

/** {@code evaluate --audit} and {@code audit report|show|purge} on the embedded store, through the command line. */
class AuditCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "cli-test-secret-0123456789";

    @TempDir
    Path tmp;

    /** A service configuration whose audit object names an embedded store in {@code tmp/audit}. */
    Path config(String extra) throws Exception {
        Path c = tmp.resolve("service.json");
        Files.writeString(c, "{\"audit\": {\"folder\": \"audit\", \"pseudonymSecret\": \"" + SECRET + "\"" + extra + "}}");
        return c;
    }

    @Test
    void evaluateWithAuditRecordsEveryAssessmentWhichShowListsUnderThePatientKey() throws Exception {
        Path cfg = config(", \"storeInput\": true");
        CliRun r = CliRun.run("evaluate", "--audit", "--audit-config", cfg.toString(), "examples/resectable-g2-pancreatic.json");
        assertThat(r.exit()).as(r.toString()).isZero();

        String key;
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            key = s.patientKey("ex-01");
            List<AuditEvent> events = s.show(key);
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.hook()).isEqualTo("evaluate");
                assertThat(e.recommendations()).isNotEmpty();
                assertThat(e.inputJson()).contains("\"ki67Percent\"");
                assertThat(e.patientId()).isNull();
            });
        }
        CliRun show = CliRun.run("audit", "show", "--config", cfg.toString(), key);
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains(key).contains("cli / evaluate").contains("RADICAL_RESECTION (SURG-01)")
            .doesNotContain("ex-01");
        JsonNode json = JSON.readTree(CliRun.run("audit", "show", "--config", cfg.toString(), "--format", "json", key).out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("patientKey").asText()).isEqualTo(key);
    }

    @Test
    void reportInTextJsonAndCsvCountsShownAcceptedAndOverridden() throws Exception {
        Path cfg = config("");
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        Assessment a = engine.assess(Patients.resectableG2("p1"));
        var top = a.recommendations().get(0);
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            for (String uuid : List.of("u1", "u2")) {
                s.record(AuditEntry.builder().service("netlm-liver-metastases").hook("patient-view").assessment(a)
                    .card(new AuditEntry.Card(uuid, "info", "x", top.therapy(), top.strength(), top.ruleId())).build());
            }
            s.recordFeedback(new Feedback("u1", Feedback.Outcome.OVERRIDDEN, "c", null, "Patient, \"declined\"", null, null));
        }
        CliRun text = CliRun.run("audit", "report", "--config", cfg.toString());
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("2 calls recorded").contains(top.ruleId()).contains("Patient, \"declined\" (1)");

        JsonNode json = JSON.readTree(CliRun.run("audit", "report", "--config", cfg.toString(), "--format", "json").out());
        assertThat(json.get("byRule").get(0).get("shown").asLong()).isEqualTo(2);
        assertThat(json.get("byRule").get(0).get("overridden").asLong()).isEqualTo(1);

        String csv = CliRun.run("audit", "report", "--config", cfg.toString(), "--format", "csv").out();
        List<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv).readAll();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("group", "rule").containsEntry("shown", "2")
            .containsEntry("topOverrideReasons", "Patient, \"declined\" (1)");
    }

    @Test
    void purgeDeletesBeforeTheDateAndBadArgumentsAreOneLineWithExit1() throws Exception {
        Path cfg = config("");
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            Assessment a = NetlmEngine.withDefaultRules().assess(Patients.resectableG2("old"));
            s.record(AuditEntry.builder().time(Instant.parse("2024-05-01T00:00:00Z")).service("s").hook("h").assessment(a).build());
            s.record(AuditEntry.builder().time(Instant.parse("2026-05-01T00:00:00Z")).service("s").hook("h").assessment(a).build());
        }
        CliRun purge = CliRun.run("audit", "purge", "--config", cfg.toString(), "--before", "2025-01-01");
        assertThat(purge.exit()).as(purge.toString()).isZero();
        assertThat(purge.out()).contains("purged 1 call");

        CliRun bad = CliRun.run("audit", "purge", "--config", cfg.toString(), "--before", "last tuesday");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--before: \"last tuesday\" is not a date").doesNotContain("Exception");

        Files.writeString(cfg, "{\"audit\": {\"jdbcUrl\": \"jdbc:postgresql://x/y\", \"colour\": 1}}");
        CliRun broken = CliRun.run("audit", "report", "--config", cfg.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("audit.colour: unknown key").contains("needs pseudonymSecret").doesNotContain("Exception");
    }

    /**
     * A process killed (SIGKILL) while it writes audit records leaves only whole records: every event has its
     * recommendations, and the store opens again and keeps recording.
     */
    @Test
    void aProcessKilledDuringWritesLeavesNoHalfWrittenRecord() throws Exception {
        Path cfg = config("");
        Path cohort = tmp.resolve("cohort.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append(Patients.toJson(Patients.resectableG2("k" + i))).append('\n');
        }
        Files.writeString(cohort, lines, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NetlmCli.class.getName(),
            "evaluate", "--audit", "--audit-config", cfg.toString(), cohort.toString())
            .redirectOutput(tmp.resolve("out.json").toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        Path db = tmp.resolve("audit").resolve("audit.mv.db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // wait until the child has written a good number of records, then kill it mid-write
        while (System.nanoTime() < deadline && p.isAlive() && Files.size(tmp.resolve("out.json")) < 200_000) {
            Thread.sleep(100);
        }
        assertThat(p.isAlive()).as("still writing when killed; stderr: " + Files.readString(tmp.resolve("err.txt"))).isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(db).exists();

        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            long events = s.eventCount();
            assertThat(events).as("records written before the kill").isPositive().isLessThan(20_000);
            // every assessment the killed process had printed was recorded first
            long printed = Files.readString(tmp.resolve("out.json")).split("\"patientId\"", -1).length - 1;
            assertThat(events).as("recorded, against assessments printed").isGreaterThanOrEqualTo(printed);
            // every record that is there is whole
            for (int i = 0; i < events; i++) {
                assertThat(s.show(s.patientKey("k" + i))).as("patient k" + i).singleElement()
                    .satisfies(e -> assertThat(e.recommendations()).isNotEmpty());
            }
            long more = s.record(AuditEntry.builder().service("s").hook("h")
                .assessment(NetlmEngine.withDefaultRules().assess(Patients.resectableG2("after"))).build());
            assertThat(more).isPositive();
        }
    }
}
