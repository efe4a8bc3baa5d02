package org.netlm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.netlm.engine.NetlmEngine;
import org.netlm.fhir.FhirMappingException;
import org.netlm.fhir.FhirPatientMapper;
import org.netlm.model.PatientCase;

/**
 * Where one CDS Hooks patient-view call spends its CPU, without HTTP (not a test): the service of the load run
 * ({@code cds-load.sh}) called in-process on one thread, each stage measured in this thread's CPU time (a figure a
 * busy machine disturbs far less than wall time), median of {@code rounds} rounds of {@code n} calls after a warm-up.
 * Stages: the request body parsed, the JWT verified (RS384), the prefetch assembled into one Bundle, that Bundle mapped
 * (FHIR mapping), {@code assess}, the explanations, the whole {@code call} (assemble + map + assess + cards + report)
 * and the response serialised.
 *
 * <p>Usage: {@code java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
 * org.netlm.service.CdsCallCpu [rounds=5] [n=2000]}.
 */
public final class CdsCallCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CdsCallCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path tmp = Files.createTempDirectory("netlm-cpu");
        TestIssuer ehr = TestIssuer.rsa("https://ehr.example.org", tmp);
        ServiceConfig config = ServiceConfig.defaults().withIssuers(List.of(ehr.config()));
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        ObjectMapper json = CdsHooksServer.requestMapper();
        Clock clock = Clock.systemUTC();
        FhirPatientMapping mapping = FhirPatientMapping.withDefaults();
        CdsHooksService service = new CdsHooksService(engine, mapping, config, json, clock);
        PrefetchAssembler prefetch = new PrefetchAssembler(json, new FhirClient(json, Duration.ofSeconds(5), 5_000_000), config,
            TherapyCodes.load(json, config.orderProcedureCodes()), clock);
        TokenVerifier verifier = new TokenVerifier(config, clock);
        String url = "http://127.0.0.1:1/cds-services/" + CdsHooksService.PATIENT_VIEW_ID;

        List<byte[]> bodies = new ArrayList<>();
        FhirPatientMapper fhir = FhirPatientMapper.withDefaults();
        try (Stream<Path> s = Files.list(Path.of("examples/fhir"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".mapping.json")).sorted().toList()) {
                try {
                    fhir.map(Files.readString(f), LocalDate.now(ZoneOffset.UTC));
                } catch (FhirMappingException e) {
                    continue;
                }
                bodies.add(json.writeValueAsBytes(CdsHooksLoad.request(CdsHooksLoad.JSON.readTree(f.toFile()))));
            }
        }
        int k = bodies.size();
        JsonNode[] trees = new JsonNode[k];
        ObjectNode[] bundles = new ObjectNode[k];
        PatientCase[] patients = new PatientCase[k];
        ObjectNode[] responses = new ObjectNode[k];
        for (int i = 0; i < k; i++) {
            trees[i] = json.readTree(bodies.get(i));
            bundles[i] = prefetch.assemble(HookRequest.parse(trees[i], "patient-view")).bundle();
            patients[i] = mapping.map(bundles[i]).patient();
            responses[i] = service.call(CdsHooksService.PATIENT_VIEW_ID, trees[i]);
        }
        int tokensNeeded = (rounds + 2) * n;
        String[] tokens = new String[tokensNeeded];
        for (int i = 0; i < tokensNeeded; i++) {
            tokens[i] = "Bearer " + ehr.token(url);
        }
        int[] nextToken = {0};
        Map<String, IntConsumer> stages = new LinkedHashMap<>();
        stages.put("request JSON parse", i -> sink(json, bodies.get(i % k)));
        stages.put("JWT verify (RS384)", i -> verify(verifier, tokens[nextToken[0]++ % tokensNeeded], url));
        stages.put("prefetch assemble", i -> prefetch.assemble(HookRequest.parse(trees[i % k], "patient-view")));
        stages.put("FHIR mapping", i -> mapping.map(bundles[i % k]));
        stages.put("assess", i -> engine.assess(patients[i % k]));
        stages.put("assess + explanations", i -> engine.assess(patients[i % k]).explanations());
        stages.put("service.call (all)", i -> service.call(CdsHooksService.PATIENT_VIEW_ID, trees[i % k]));
        stages.put("response JSON write", i -> write(json, responses[i % k]));
        System.out.printf("CDS Hooks patient-view, in-process, one thread: %d Bundles, %d rounds of %d calls; response %d bytes (first)%n",
            k, rounds, n, write(json, responses[0]).length);
        System.out.printf("load before: %s", Files.readString(Path.of("/proc/loadavg")));
        String only = System.getProperty("stage"); // profile one stage: -Dstage=service.call
        if (only != null) {
            stages.keySet().removeIf(name -> !name.startsWith(only));
        }
        for (Map.Entry<String, IntConsumer> st : stages.entrySet()) {
            for (int i = 0; i < n; i++) { // warm-up
                st.getValue().accept(i);
            }
        }
        double sum = 0;
        for (Map.Entry<String, IntConsumer> st : stages.entrySet()) {
            double[] r = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    st.getValue().accept(i);
                }
                r[round] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e3 / n;
            }
            if (Boolean.getBoolean("rounds")) {
                System.out.println("    rounds: " + java.util.Arrays.toString(r));
            }
            java.util.Arrays.sort(r);
            System.out.printf("  %-24s %9.1f µs CPU  (min %.1f, max %.1f)%n", st.getKey(), r[rounds / 2], r[0], r[rounds - 1]);
        }
        System.out.printf("load after: %s", Files.readString(Path.of("/proc/loadavg")));
    }

    private static void sink(ObjectMapper json, byte[] body) {
        try {
            json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verify(TokenVerifier v, String header, String url) {
        try {
            v.verify(header, url);
        } catch (AuthException e) {
            throw new IllegalStateException(e);
        }
    }
}
