package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.AuditEvent;
import org.netlm.audit.AuditStore;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.batch.BatchJob;
import org.netlm.batch.PartialOutput;
import org.netlm.engine.NetlmEngine;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import picocli.CommandLine;

/**
 * {@code batch --audit}: every assessed line recorded before its record is written, rejected lines not recorded; a
 * store that fails mid-run leaves no final output; {@code --resume} records each line once.
 */
class BatchAuditCommandTest {
    static final String SECRET = "batch-audit-secret-0123456789";
    static final Path COHORT = Path.of("examples/cohort/cohort.ndjson");

    @TempDir
    Path tmp;

    static List<String> cohort(int n) throws IOException {
        try (var lines = Files.lines(COHORT, StandardCharsets.UTF_8)) {
            return lines.limit(n).toList();
        }
    }

    Path config(String audit) throws IOException {
        Path c = tmp.resolve("netlm.json");
        Files.writeString(c, "{\"audit\": {" + audit + ", \"pseudonymSecret\": \"" + SECRET + "\"}}");
        return c;
    }

    static long records(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).size() - 1; // after the header
    }

    @Test
    void everyAssessedLineIsRecordedWithItsRunAndLineAndARejectedLineIsNot() throws Exception {
        List<String> lines = new ArrayList<>(cohort(300));
        lines.add(4, "{\"id\": \"bad-1\", \"ki67Percent\": \"lots\"}"); // line 5: rejected
        lines.add(10, "");                                               // line 11: blank, not a patient
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out.csv");
        Path cfg = config("\"folder\": \"audit\", \"storeInput\": true");

        CliRun r = CliRun.run("batch", "--audit", "--audit-config", cfg.toString(), "--input", in.toString(),
            "--output", out.toString(), "--format", "csv", "--threads", "2");
        assertThat(r.exit()).as("one line rejected: %s", r).isEqualTo(1);
        assertThat(records(out)).isEqualTo(301);
        assertThat(PartialOutput.partialOf(out)).doesNotExist();
        assertThat(BatchJob.auditRunFile(out)).as("the run id goes once the output is complete").doesNotExist();

        NetlmEngine engine = NetlmEngine.withDefaultRules();
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            assertThat(s.eventCount()).as("one record per assessed patient").isEqualTo(300);
            assertThat(s.show(s.patientKey("bad-1"))).as("the rejected line").isEmpty();
            // line 20 of the file is the cohort's 18th patient (a rejected line and a blank line before it)
            String text = lines.get(19);
            PatientCase patient = PatientJson.fromTree(PatientJson.sharedMapper().readTree(text));
            Assessment expected = engine.assess(patient);
            List<AuditEvent> events = s.show(s.patientKey(patient.getId()));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.service()).isEqualTo("cli");
                assertThat(e.hook()).isEqualTo("batch");
                assertThat(e.origin().line()).isEqualTo(20);
                assertThat(e.origin().run()).matches("\\d{8}T\\d{6}Z-[0-9a-f-]{36}");
                assertThat(e.knowledgeVersion()).isEqualTo(engine.knowledgeVersion());
                assertThat(e.rulesetVersion()).isEqualTo(expected.rulesetVersion());
                assertThat(e.recommendations()).isNotEmpty().isEqualTo(expected.recommendations().stream()
                    .map(x -> new AuditEntry.RecommendationRow(x.therapy(), x.strength(), x.ruleId())).toList());
                assertThat(e.inputJson()).contains("\"" + patient.getId() + "\"");
                assertThat(e.patientId()).as("raw id off").isNull();
            });
        }
        String key;
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            key = s.patientKey(PatientJson.sharedMapper().readTree(lines.get(0)).get("id").asText());
        }
        CliRun show = CliRun.run("audit", "show", "--config", cfg.toString(), key);
        assertThat(show.out()).contains("cli / batch").containsPattern("batch run \\S+, input line 1\n");
    }

    @Test
    void aStoreThatCannotBeReachedStopsTheRunBeforeAnyOutput() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, cohort(50), StandardCharsets.UTF_8);
        Path out = tmp.resolve("out.ndjson");
        Path cfg = config("\"jdbcUrl\": \"jdbc:h2:tcp://127.0.0.1:" + freePort() + "/./nowhere\"");

        CliRun r = CliRun.run("batch", "--audit", "--audit-config", cfg.toString(), "--input", in.toString(),
            "--output", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("audit").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        assertThat(PartialOutput.partialOf(out)).doesNotExist();
    }

    /**
     * The store goes away mid-run (an H2 server stopped): the run fails with exit 1, the records written so far stay in
     * the partial file (each of them recorded), nothing is renamed into place. The server comes back; {@code --resume}
     * finishes, and lines recorded twice (here: the last records of the partial file, cut off as if their write had
     * been lost after the commit) are stored once.
     */
    @Test
    void aStoreFailingMidRunLeavesOnlyThePartialOutputAndResumeRecordsEachLineOnce() throws Exception {
        List<String> lines = cohort(2000);
        Path base = Files.createDirectories(tmp.resolve("h2"));
        Path out = tmp.resolve("out.csv");
        Server server = h2(base, freePort());
        Path cfg = config("\"jdbcUrl\": \"jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/./audit\", \"maxPoolSize\": 2");

        // the input comes through a pipe: half of it, then (with the server stopped) the rest
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 1 << 20);
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new NetlmCli(stdin))
            .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
            .execute("batch", "--audit", "--audit-config", cfg.toString(), "--input", "-", "--output", out.toString(),
                "--format", "csv", "--threads", "2"));
        write(feed, lines.subList(0, 1000));
        long recorded;
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            recorded = waitUntilSteady(s);
        }
        assertThat(recorded).as("recorded while the input was open").isPositive().isLessThanOrEqualTo(1000);
        server.stop();
        write(feed, lines.subList(1000, 2000));
        feed.close();
        int exit = run.get(120, TimeUnit.SECONDS);

        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains("audit store").contains("--resume").doesNotContain("\tat ");
        assertThat(out).as("no complete-looking output").doesNotExist();
        Path partial = PartialOutput.partialOf(out);
        assertThat(records(partial)).as("what was written had been recorded, and nothing else").isEqualTo(recorded);

        // as if the last 10 records had been recorded but their write lost: the resumed run records them again
        List<String> kept = Files.readAllLines(partial, StandardCharsets.UTF_8);
        Files.write(partial, kept.subList(0, kept.size() - 10), StandardCharsets.UTF_8);

        Server again = h2(base, freePort());
        try {
            Files.writeString(cfg, Files.readString(cfg).replace(":" + server.getPort() + "/", ":" + again.getPort() + "/"));
            CliRun resumed = CliRun.withStdin(String.join("\n", lines) + "\n", "batch", "--audit", "--audit-config",
                cfg.toString(), "--input", "-", "--output", out.toString(), "--format", "csv", "--threads", "2", "--resume");
            assertThat(resumed.exit()).as("%s", resumed).isZero();
            assertThat(records(out)).isEqualTo(2000);
            assertThat(partial).doesNotExist();
            assertThat(BatchJob.auditRunFile(out)).doesNotExist();
            try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
                assertThat(s.eventCount()).as("each line once").isEqualTo(2000);
                String cutOff = PatientJson.sharedMapper().readTree(lines.get((int) recorded - 1)).get("id").asText();
                assertThat(s.show(s.patientKey(cutOff))).singleElement()
                    .satisfies(e -> assertThat(e.origin().line()).isEqualTo(recorded));
            }
        } finally {
            again.stop();
        }
    }

    /**
     * A run killed after its first group was committed but before anything reached its partial file (the header still
     * in the buffer): the resumed run continues under the killed run's id, so those lines are not recorded twice.
     */
    @Test
    void aRunKilledBeforeItsFirstWriteIsResumedUnderItsOwnRunId() throws Exception {
        List<String> lines = cohort(100);
        Path in = tmp.resolve("in.ndjson");
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out.csv");
        Path cfg = config("\"folder\": \"audit\"");
        String run = "20261130T000000Z-killed-run";
        Files.writeString(BatchJob.auditRunFile(out), run + "\n");
        Files.writeString(PartialOutput.partialOf(out), "");
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            List<AuditEntry> recorded = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                PatientCase p = PatientJson.fromTree(PatientJson.sharedMapper().readTree(lines.get(i)));
                recorded.add(AuditEntry.builder().service("cli").hook("batch").assessment(engine.assess(p)).origin(run, i + 1).build());
            }
            assertThat(s.recordAll(recorded)).isEqualTo(10);
        }

        CliRun r = CliRun.run("batch", "--audit", "--audit-config", cfg.toString(), "--input", in.toString(),
            "--output", out.toString(), "--format", "csv", "--resume");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(records(out)).isEqualTo(100);
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(cfg))) {
            assertThat(s.eventCount()).as("the first ten lines once").isEqualTo(100);
        }
    }

    @Test
    void aPartialOutputWrittenWithoutAuditCannotBeResumedWithItNorTheOtherWayRound() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        List<String> lines = cohort(40);
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out.csv");
        Path partial = PartialOutput.partialOf(out);
        Path cfg = config("\"folder\": \"audit\"");
        assertThat(CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--format", "csv").exit()).isZero();
        Files.write(partial, Files.readAllLines(out).subList(0, 21), StandardCharsets.UTF_8); // header + 20 records
        Files.delete(out);

        CliRun r = CliRun.run("batch", "--audit", "--audit-config", cfg.toString(), "--input", in.toString(),
            "--output", out.toString(), "--format", "csv", "--resume");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("was written without --audit").contains("20 records");
        assertThat(out).doesNotExist();

        Files.writeString(BatchJob.auditRunFile(out), "20261130T000000Z-some-run\n");
        CliRun plain = CliRun.run("batch", "--input", in.toString(), "--output", out.toString(), "--format", "csv", "--resume");
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.err()).contains("was written with --audit");
        assertThat(out).doesNotExist();
    }

    static Server h2(Path base, int port) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", base.toString(), "-ifNotExists").start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void write(OutputStream out, List<String> lines) throws IOException {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The event count once it has not changed for a second (the run waits for more input). */
    static long waitUntilSteady(AuditStore s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long last = -1;
        long n = s.eventCount();
        while (System.nanoTime() < deadline && (n == 0 || n != last)) {
            Thread.sleep(1000);
            last = n;
            n = s.eventCount();
        }
        return n;
    }
}
