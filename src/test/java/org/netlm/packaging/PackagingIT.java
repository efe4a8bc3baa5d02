package org.netlm.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the built artifacts (run by maven-failsafe-plugin in the integration-test phase, after
 * {@code package}, so the jars are the ones of this build): the main jar carries the rules and no
 * dependency classes; the -cli.jar runs on its own as a separate JVM, with clean standard output.
 */
class PackagingIT {
    static Path MAIN_JAR;
    static Path CLI_JAR;

    /** The jar paths come from failsafe's configuration in pom.xml; elsewhere (an IDE, surefire with -Dtest) the tests are skipped. */
    @BeforeAll
    static void jars() {
        String main = System.getProperty("netlm.mainJar");
        String cli = System.getProperty("netlm.cliJar");
        assumeTrue(main != null && cli != null, "packaging checks run under maven-failsafe (mvn verify)");
        MAIN_JAR = Path.of(main);
        CLI_JAR = Path.of(cli);
        assertThat(MAIN_JAR).as("main jar of this build").isRegularFile();
        assertThat(CLI_JAR).as("-cli.jar of this build").isRegularFile();
    }

    static Set<String> entries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            Set<String> out = new TreeSet<>();
            Collections.list(f.entries()).forEach(e -> out.add(e.getName()));
            return out;
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", CLI_JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("netlm-out", ".txt");
        Path err = Files.createTempFile("netlm-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the CLI did not finish: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theMainJarCarriesEveryRuleFileAndTheEvidenceRegistry() throws Exception {
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(Path.of("rules"))) {
            walk.filter(Files::isRegularFile).forEach(p -> expected.add("rules/" + Path.of("rules").relativize(p).toString().replace('\\', '/')));
        }
        assertThat(expected).anyMatch(e -> e.endsWith(".drl")).contains("rules/evidence.json", "rules/knowledge.json");

        Set<String> inJar = new TreeSet<>(entries(MAIN_JAR).stream().filter(e -> e.startsWith("rules/") && !e.endsWith("/")).toList());

        assertThat(inJar).isEqualTo(expected);
    }

    @Test
    void theMainJarIsThinAndLeavesLoggingToTheEmbedder() throws Exception {
        Set<String> e = entries(MAIN_JAR);

        assertThat(e).contains("org/netlm/engine/NetlmEngine.class", "org/netlm/cli/NetlmCli.class");
        assertThat(e).noneMatch(n -> n.startsWith("org/drools/") || n.startsWith("org/kie/") || n.startsWith("com/fasterxml/")
            || n.startsWith("picocli/") || n.startsWith("ch/qos/") || n.startsWith("org/slf4j/")
            || n.startsWith("ca/uhn/") || n.startsWith("org/hl7/"));
        assertThat(e).contains("org/netlm/fhir/fhir-codes.json");
        assertThat(e).doesNotContain("logback.xml", "logback-test.xml");
    }

    @Test
    void theCliJarEvaluatesTheReadmeExampleWithNothingButJsonOnStandardOutput() throws Exception {
        Run r = cli("evaluate", "examples/resectable-g2-pancreatic.json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as("standard error (log noise?)").isEmpty();
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertThat(a.get("patientId").asText()).isEqualTo("ex-01");
        assertThat(a.get("recommendations").findValuesAsText("therapy")).contains("RADICAL_RESECTION");
        assertThat(r.out()).contains("\"ruleId\": \"SURG-01\"");
        assertThat(a.get("knowledgeVersion").asText()).as("read from the jar's rules/knowledge.json").isEqualTo("2.0.0");
    }

    @Test
    void theCliJarPrintsTheTextReportInUtf8() throws Exception {
        Run r = cli("evaluate", "--format", "text", "examples/resectable-g2-pancreatic.json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Patient ex-01").contains("RADICAL_RESECTION").contains("Lancet Oncol 2014;15:e8–21");
    }

    @Test
    void theCliJarReportsBadInputWithoutAStackTraceOrLogNoise() throws Exception {
        Path bad = Files.createTempFile("bad", ".json");
        try {
            Files.writeString(bad, "{\"id\":\"x\",\"primarySite\":\"PANCREAS\",\"differentiation\":\"WELL\",\"ki67Percent\":140}");

            Run r = cli("evaluate", bad.toString());

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).singleElement().asString().startsWith(bad + ":1: patient x: ki67Percent = 140");
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void theCliJarCarriesHapiAndEvaluatesAFhirBundle() throws Exception {
        assertThat(entries(CLI_JAR)).contains("org/hl7/fhir/r4/model/Bundle.class", "ca/uhn/fhir/context/FhirContext.class",
            "org/hl7/fhir/r4/hapi/model/fhirversion.properties");

        Run r = cli("evaluate", "--input-format", "fhir", "examples/fhir/resectable-g2-pancreatic.json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as("standard error (log noise?)").isEmpty();
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertThat(a.get("patientId").asText()).isEqualTo("ex-01");
        assertThat(a.get("recommendations").findValuesAsText("therapy")).contains("RADICAL_RESECTION");
        assertThat(a.get("mapping").get("fields").get("ki67Percent").get("sources").get(0).asText()).isEqualTo("Observation/ki67");
    }

    @Test
    void theCliJarReportsBadFhirWithoutAStackTrace() throws Exception {
        Path bad = Files.createTempFile("bad", ".json");
        try {
            Files.writeString(bad, "{\"resourceType\":\"Patient\",\"id\":\"p1\"}");

            Run r = cli("evaluate", "--input-format", "fhir", bad.toString());

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).singleElement().asString().startsWith(bad + ":1: (document) = Patient: not a Bundle");
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void theCliJarValidatesItsBundledRules() throws Exception {
        Run r = cli("validate-rules");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("OK: ");
    }

    @Test
    void theCliJarServesCdsHooksAndStopsCleanlyOnSigterm() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", CLI_JAR.toString(),
            "serve", "--port", "0", "--no-auth");
        Path err = Files.createTempFile("netlm-serve", ".txt");
        Path workDir = Files.createTempDirectory("netlm-serve"); // the embedded audit store goes there
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile()).start();
        try {
            Matcher m = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && p.isAlive()) {
                m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/cds-services .*knowledge version (\\S+), auth OFF")
                    .matcher(Files.readString(err, StandardCharsets.UTF_8));
                if (m.find()) {
                    break;
                }
                m = null;
                Thread.sleep(100);
            }
            assertThat(m).as("start line in %s", Files.readString(err, StandardCharsets.UTF_8)).isNotNull();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/cds-services")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode services = new ObjectMapper().readTree(r.body()).path("services");
            assertThat(services.findValuesAsText("id")).containsExactly("netlm-liver-metastases", "netlm-therapy-check");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("AUTHENTICATION OFF").contains("CDS Hooks service stopped").doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }
}
