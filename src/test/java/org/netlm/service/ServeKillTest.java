package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.AuditEvent;
import org.netlm.audit.AuditStore;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.cli.NetlmCli;
import org.netlm.testing.TestPostgres;

/**
 * Issue 13 "nothing lost": the real {@code serve} in a child JVM, its audit store the embedded H2 in a temporary folder
 * or the test PostgreSQL server ({@link TestPostgres}), is killed with SIGKILL while several clients send patient-view
 * calls over HTTP, then started again on the same store.
 * Every call that was answered 200 with cards has its record with every card's uuid; no record is half-written; the
 * restarted service answers and records.
 */
class ServeKillTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "serve-kill-test-secret-0123";
    static final Path BUNDLE = Path.of("examples/fhir/resectable-g2-pancreatic.json");
    static final String EXAMPLE_ID = "ex-01";
    static final int CLIENTS = 6;

    @TempDir
    Path tmp;

    /** A patient-view call for the example patient under a new id (no FHIR server: what the prefetch holds). */
    static String patientView(String bundleText, String patientId) throws IOException {
        JsonNode bundle = JSON.readTree(bundleText.replace("\"" + EXAMPLE_ID + "\"", "\"" + patientId + "\"")
            .replace("Patient/" + EXAMPLE_ID + "\"", "Patient/" + patientId + "\""));
        return JSON.writeValueAsString(ServiceHttp.fromBundle("patient-view", bundle, notRead -> { }));
    }

    Process serve(Path config, int port, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NetlmCli.class.getName(),
            "serve", "--no-auth", "--port", String.valueOf(port), "--config", config.toString())
            .redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile()).start();
    }

    /** Waits until the service lists its services (the store is open and migrated by then). */
    void awaitReady(Process p, int port, String log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("serve exited: " + Files.readString(tmp.resolve(log))).isTrue();
            try {
                if (ServiceHttp.get(base(port) + "/cds-services", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve not ready: " + Files.readString(tmp.resolve(log)));
    }

    static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    static ServiceHttp.Response call(int port, String body) throws IOException, InterruptedException {
        return ServiceHttp.post(base(port) + "/cds-services/" + CdsHooksService.PATIENT_VIEW_ID, body, null);
    }

    /** The card uuids of a 200 answer. */
    static Set<String> uuids(ServiceHttp.Response r) {
        return new HashSet<>(r.json().path("cards").findValuesAsText("uuid"));
    }

    /** The service's configuration with its audit store: the embedded H2 in a folder, or the test PostgreSQL emptied. */
    Path config(String database) throws IOException {
        ObjectNode audit = JSON.createObjectNode();
        if (database.equals("postgresql")) {
            TestPostgres.require();
            TestPostgres.reset();
            audit.put("jdbcUrl", TestPostgres.URL).put("user", TestPostgres.USER).put("password", TestPostgres.PASSWORD);
        } else {
            audit.put("folder", "audit");
        }
        audit.put("pseudonymSecret", SECRET);
        Path config = tmp.resolve("serve.json");
        Files.writeString(config, JSON.writeValueAsString(JSON.createObjectNode().set("audit", audit)));
        return config;
    }

    @ParameterizedTest(name = "audit store on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aServiceKilledDuringWritesLosesNoAnsweredCallAndLeavesNoHalfWrittenRecord(String database) throws Exception {
        Path config = config(database);
        String bundle = Files.readString(BUNDLE, StandardCharsets.UTF_8);
        int port = freePort();
        Process first = serve(config, port, "serve-1.log");
        Map<String, Set<String>> answered = new ConcurrentHashMap<>(); // patient id -> card uuids of its 200 answer
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger other = new AtomicInteger();
        try {
            awaitReady(first, port, "serve-1.log");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int i = 0; ; i++) {
                        String id = "kill-" + client + "-" + i;
                        sent.add(id);
                        try {
                            ServiceHttp.Response r = call(port, patientView(bundle, id));
                            if (r.status() == 200) {
                                answered.put(id, uuids(r));
                            } else {
                                other.incrementAndGet();
                            }
                        } catch (IOException killed) {
                            return null; // the service is gone
                        }
                    }
                }));
            }
            // kill it mid-load, once a good number of calls were answered
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (answered.size() < 150 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("still serving when killed").isTrue();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        } finally {
            first.destroyForcibly();
        }
        assertThat(answered).as("answered before the kill").hasSizeGreaterThanOrEqualTo(150);
        assertThat(other.get()).as("answers other than 200 before the kill").isZero();
        assertThat(answered.values()).allSatisfy(cards -> assertThat(cards).isNotEmpty());

        // started again on the same store: it answers and records
        int again = freePort();
        Process second = serve(config, again, "serve-2.log");
        Map<String, Set<String>> afterRestart = new ConcurrentHashMap<>();
        try {
            awaitReady(second, again, "serve-2.log");
            for (int i = 0; i < 5; i++) {
                String id = "after-" + i;
                ServiceHttp.Response r = call(again, patientView(bundle, id));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                afterRestart.put(id, uuids(r));
            }
        } finally {
            second.destroy(); // SIGTERM: a clean stop, so that the test can open the embedded store
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        try (AuditStore s = JdbcAuditStore.open(AuditConfig.fromConfigFile(config))) {
            Map<String, Set<String>> mustBeThere = new HashMap<>(answered);
            mustBeThere.putAll(afterRestart);
            for (Map.Entry<String, Set<String>> a : mustBeThere.entrySet()) {
                List<AuditEvent> events = s.show(s.patientKey(a.getKey()));
                assertThat(events).as("the answered call of %s", a.getKey()).singleElement()
                    .satisfies(e -> assertThat(e.cards()).extracting(c -> c.card().uuid())
                        .containsExactlyInAnyOrderElementsOf(a.getValue()));
            }
            long recorded = 0;
            Set<String> all = new HashSet<>(sent);
            all.addAll(afterRestart.keySet());
            for (String id : all) {
                for (AuditEvent e : s.show(s.patientKey(id))) {
                    recorded++;
                    assertWhole(id, e);
                }
            }
            assertThat(s.eventCount()).as("every record belongs to a call sent").isEqualTo(recorded);
            assertThat(recorded).as("recorded: the answered calls, and perhaps calls killed before their answer")
                .isGreaterThanOrEqualTo(mustBeThere.size()).isLessThanOrEqualTo(all.size());
        }
    }

    /** A whole record: cards, and one card for every recommendation it holds (the cards about one therapy). */
    static void assertWhole(String id, AuditEvent e) {
        assertThat(e.recommendations()).as("recommendations of %s", id).isNotEmpty();
        assertThat(e.cards()).as("cards of %s", id).isNotEmpty();
        List<AuditEntry.RecommendationRow> cardRows = e.cards().stream().map(AuditEvent.ShownCard::card)
            .filter(c -> c.therapy() != null).map(c -> new AuditEntry.RecommendationRow(c.therapy(), c.strength(), c.ruleId()))
            .toList();
        assertThat(cardRows).as("the recommendation cards of %s", id).containsExactlyInAnyOrderElementsOf(e.recommendations());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
