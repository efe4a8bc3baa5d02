package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditStore;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.engine.NetlmEngine;
import org.netlm.fhir.FhirMappingException;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.model.Assessment;

/**
 * Load run of the CDS Hooks service (not a test): the server on a free loopback port in this JVM, JWT auth on
 * (RS384 tokens signed before the timed phase, one per request, as an EHR sends them), {@code clients} threads each
 * sending patient-view requests back to back with the prefetch of the examples/fhir Bundles that the built-in codes
 * can assess (round robin). Reports
 * p50/p90/p99/max latency and requests/s; checks every response's recommendation cards against
 * {@code engine.assess} of the same Bundle mapped by the FHIR mapper as of today (what {@code evaluate
 * --input-format fhir --as-of today} assesses). Also reports this JVM's CPU time per request (server and clients
 * together), a figure that a machine shared with other work disturbs far less than wall-clock throughput.
 *
 * <p>Usage: {@code src/bench/scripts/cds-load.sh [requests=10000] [clients=16] [warmup=2000] [patient-view|discovery]};
 * the warm-up is at least {@code warmup} requests, then rounds of 2,000 until the JIT compiler takes under 5 % of the
 * CPU (each round printed), so that the timed phase measures the warm service, not the compiler;
 * {@code discovery} sends {@code GET /cds-services} with the same tokens: what HTTP, JWT and the clients cost alone.
 */
public final class CdsHooksLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Requests per warm-up round. */
    private static final int WARM_ROUND = 2_000;
    /** The most warm-up requests: the timed phase starts then even if the JIT compiler is still busy. */
    private static final int MAX_WARMUP = 100_000;
    static final Map<String, String> KEY_OF_TYPE = Map.of("Condition", "conditions", "Observation", "observations",
        "MedicationRequest", "medicationRequests", "MedicationStatement", "medicationStatements", "Procedure", "procedures",
        "DiagnosticReport", "reports", "OperationOutcome", "medicationStatements");

    private CdsHooksLoad() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        boolean discoveryOnly = args.length > 3 && args[3].equals("discovery");
        Path tmp = Files.createTempDirectory("netlm-load");
        TestIssuer ehr = TestIssuer.rsa("https://ehr.example.org", tmp);
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        // -Daudit=h2: every call recorded in an embedded H2 store, as `serve` does by default (the load figures of
        // issue 12 are without; this shows what the audit trail adds)
        AuditStore audit = "h2".equals(System.getProperty("audit"))
            ? JdbcAuditStore.open(AuditConfig.embedded(tmp.resolve("audit"), "load-test-secret-0123456789")) : null;
        CdsHooksServer server = CdsHooksServer.start(engine, FhirPatientMapping.withDefaults(),
            ServiceConfig.defaults().withIssuers(List.of(ehr.config())), 0, CdsHooksServer.Auth.JWT, audit);
        String url = discoveryOnly ? server.baseUrl() + "/cds-services"
            : server.baseUrl() + "/cds-services/" + CdsHooksService.PATIENT_VIEW_ID;

        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("examples/fhir"))) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".mapping.json")).sorted().toList();
        }
        List<byte[]> bodies = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        FhirPatientMapper mapper = FhirPatientMapper.withDefaults();
        for (Path f : files) {
            Assessment a;
            try {
                a = engine.assess(mapper.map(Files.readString(f), LocalDate.now(ZoneOffset.UTC)).patientCase());
            } catch (FhirMappingException e) {
                continue; // needs its site mapping file (local-codes-site): not assessable with the built-in codes
            }
            bodies.add(JSON.writeValueAsBytes(request(JSON.readTree(f.toFile()))));
            expected.add(a.recommendations().stream()
                .map(r -> CardRenderer.summary(CardRenderer.therapyLabel(r.therapy()) + " " + CardRenderer.strengthWords(r.strength())))
                .toList().toString());
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger mismatches = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        // Warm-up until the JIT has settled: at least `warmup` requests, then rounds until the compiler threads take
        // under 5 % of the round's CPU. On 2 cores a fresh server compiles for minutes (the code of HAPI, Drools,
        // Jackson, Jetty and ours), and a timed phase that starts earlier measures the compiler and C1 code.
        int warmed = 0;
        for (int round = 1; ; round++) {
            String[] tokens = sign(pool, ehr, url, WARM_ROUND, clients);
            Map<String, Long> before = ThreadCpu.byGroup();
            long t = System.nanoTime();
            run(pool, http, url, bodies, expected, tokens, WARM_ROUND, clients, new long[WARM_ROUND], mismatches, failures,
                discoveryOnly);
            double rate = WARM_ROUND / ((System.nanoTime() - t) / 1e9);
            double compilerShare = ThreadCpu.share(before, ThreadCpu.byGroup(), ThreadCpu.COMPILER);
            warmed += WARM_ROUND;
            System.err.printf(Locale.ROOT, "warm-up round %d: %d requests (%d in all), %.0f requests/s, JIT compiler %.0f %% of the CPU%n",
                round, WARM_ROUND, warmed, rate, 100 * compilerShare);
            if (warmed >= warmup && compilerShare < 0.05 || warmed >= MAX_WARMUP) {
                break;
            }
        }
        mismatches.set(0);
        failures.set(0);
        String[] tokens = sign(pool, ehr, url, requests, clients);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        long[] latency = new long[requests];
        OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Long> threads0 = ThreadCpu.byGroup();
        System.err.printf("timed phase from %s (for a profile recorded since JVM start: its samples after this)%n", Instant.now());
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        run(pool, http, url, bodies, expected, tokens, requests, clients, latency, mismatches, failures, discoveryOnly);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMsPerRequest = (os.getProcessCpuTime() - cpu0) / 1e6 / requests;
        Map<String, Long> threads1 = ThreadCpu.byGroup();
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        pool.shutdown();
        server.stop();
        if (audit != null) {
            audit.close();
        }

        Arrays.sort(latency);
        System.out.printf((discoveryOnly ? "GET /cds-services (discovery: HTTP, JWT and clients alone)" : "CDS Hooks patient-view")
            + " load: %d requests, %d clients, loopback, JWT (RS384) on, audit %s, %d example Bundles, after %d warm-up requests%n",
            requests, clients, audit == null ? "off" : "on (embedded H2)", bodies.size(), warmed);
        System.out.printf("  throughput %.0f requests/s (%.2f s)%n", requests / seconds, seconds);
        System.out.printf("  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", ms(latency, 0.50), ms(latency, 0.90),
            ms(latency, 0.99), latency[latency.length - 1] / 1e6);
        System.out.printf("  CPU time of this JVM (server and clients) per request: %.2f ms; %d cores / that = %.0f requests/s if the "
            + "cores were ours alone%n", cpuMsPerRequest, Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors() * 1000 / cpuMsPerRequest);
        System.out.println("  CPU ms per request by thread group: " + ThreadCpu.perRequest(threads0, threads1, requests));
        System.out.printf("  responses not 200: %d; recommendation cards differing from engine.assess: %d%n", failures.get(), mismatches.get());
        System.out.printf("  /proc/loadavg before: %s; after: %s; nproc %d%n", load, loadAfter, Runtime.getRuntime().availableProcessors());
        if (failures.get() > 0 || mismatches.get() > 0) {
            System.exit(1);
        }
    }

    /** {@code n} tokens for {@code url}, one per request (a replayed jti is refused), signed on the clients' threads. */
    private static String[] sign(ExecutorService pool, TestIssuer ehr, String url, int n, int clients) throws Exception {
        String[] tokens = new String[n];
        List<Future<?>> signing = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int first = t;
            signing.add(pool.submit(() -> {
                for (int i = first; i < n; i += clients) {
                    tokens[i] = ehr.token(url);
                }
                return null;
            }));
        }
        for (Future<?> f : signing) {
            f.get();
        }
        return tokens;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static void run(ExecutorService pool, HttpClient http, String url, List<byte[]> bodies, List<String> expected,
                            String[] tokens, int n, int clients, long[] latency, AtomicInteger mismatches,
                            AtomicInteger failures, boolean discovery) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    int which = i % bodies.size();
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + tokens[i]);
                    HttpRequest req = discovery ? b.GET().build() : b.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(which))).build();
                    long s = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    latency[i] = System.nanoTime() - s;
                    if (r.statusCode() != 200) {
                        failures.incrementAndGet();
                        continue;
                    }
                    if (discovery) {
                        continue;
                    }
                    List<String> summaries = new ArrayList<>();
                    for (JsonNode card : JSON.readTree(r.body()).path("cards")) {
                        if (card.at("/source/topic/code").asText().equals("recommendation")) {
                            summaries.add(card.path("summary").asText());
                        }
                    }
                    if (!summaries.toString().equals(expected.get(which))) {
                        mismatches.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
    }

    /** The example Bundle as a patient-view request: Patient and searchsets by the prefetch keys; others included with the observations. */
    static ObjectNode request(JsonNode bundle) {
        ObjectNode req = JSON.createObjectNode();
        req.put("hook", "patient-view");
        req.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        ObjectNode context = req.putObject("context").put("userId", "Practitioner/p1");
        ObjectNode prefetch = req.putObject("prefetch");
        for (String k : PrefetchAssembler.TEMPLATES.keySet()) {
            if (!k.equals("patient")) {
                prefetch.putObject(k).put("resourceType", "Bundle").put("type", "searchset").putArray("entry");
            }
        }
        for (JsonNode e : bundle.path("entry")) {
            JsonNode r = e.path("resource");
            String type = r.path("resourceType").asText();
            if (type.equals("Patient")) {
                prefetch.set("patient", r);
                context.put("patientId", r.path("id").asText());
                continue;
            }
            ArrayNode entries = (ArrayNode) prefetch.get(KEY_OF_TYPE.getOrDefault(type, "observations")).get("entry");
            ObjectNode entry = entries.addObject();
            if (e.has("fullUrl")) {
                entry.set("fullUrl", e.get("fullUrl"));
            }
            entry.set("resource", r);
        }
        return req;
    }
}
