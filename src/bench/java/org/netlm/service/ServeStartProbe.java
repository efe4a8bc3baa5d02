package org.netlm.service;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditStore;
import org.netlm.audit.JdbcAuditStore;
import org.netlm.engine.NetlmEngine;

/**
 * Where the start of {@code serve} goes (not a test): the phases of {@code ServeCommand} one after the other in a fresh
 * JVM, each with its wall time and this process's CPU time (user + sys, all threads), then the first patient-view
 * request over HTTP. Run it several times: one JVM, one cold start.
 *
 * <p>Usage: {@code java -cp "target/classes:$(cat target/bench-classpath.txt):target/test-classes"
 * org.netlm.service.ServeStartProbe}
 */
public final class ServeStartProbe {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ServeStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("  %-44s %7d ms wall  %7d ms CPU%n", "JVM start to main()", ManagementFactory.getRuntimeMXBean().getUptime(),
            OS.getProcessCpuTime() / 1_000_000);
        NetlmEngine engine = phase("engine (bundled rules: KIE base + catalogue)", NetlmEngine::withDefaultRules);
        FhirPatientMapping mapping = phase("FHIR mapper (codes)", FhirPatientMapping::withDefaults);
        phase("HAPI FhirContext R4 (first use)", () -> FhirPatientMapper_context());
        Path dir = Files.createTempDirectory("netlm-start");
        AuditStore audit = phase("audit store (H2 + Flyway + Hikari)", () -> JdbcAuditStore.open(AuditConfig.fromJson(null, dir)));
        CdsHooksServer server = phase("HTTP server (Javalin/Jetty) + service",
            () -> CdsHooksServer.start(engine, mapping, ServiceConfig.defaults(), 0, CdsHooksServer.Auth.NONE, audit));
        System.out.printf("  %-44s %7d ms wall  %7d ms CPU%n", "= ready (JVM uptime)", ManagementFactory.getRuntimeMXBean().getUptime(),
            OS.getProcessCpuTime() / 1_000_000);
        byte[] body = CdsHooksLoad.JSON.writeValueAsBytes(CdsHooksLoad.request(CdsHooksLoad.JSON.readTree(
            Path.of("examples/fhir/resectable-g2-pancreatic.json").toFile())));
        HttpClient http = HttpClient.newHttpClient();
        for (String which : new String[] {"first patient-view request", "second patient-view request"}) {
            phase(which, () -> http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/cds-services/"
                + CdsHooksService.PATIENT_VIEW_ID)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        server.stop();
        audit.close();
        System.exit(0);
    }

    private static Object FhirPatientMapper_context() {
        return ca.uhn.fhir.context.FhirContext.forR4Cached().getResourceDefinition("Bundle");
    }

    private static <T> T phase(String name, Callable<T> work) throws Exception {
        long w0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        T t = work.call();
        System.out.printf("  %-44s %7d ms wall  %7d ms CPU%n", name, (System.nanoTime() - w0) / 1_000_000,
            (OS.getProcessCpuTime() - c0) / 1_000_000);
        return t;
    }
}
