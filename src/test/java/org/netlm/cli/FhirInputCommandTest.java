package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} and {@code batch} with {@code --input-format fhir}: same path as JSON, plus the mapping report. */
class FhirInputCommandTest {
    static final Path DIR = Path.of("examples/fhir");
    static final Path EX01 = DIR.resolve("resectable-g2-pancreatic.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void evaluateGivesTheJsonAssessmentWithTheMappingAfterTheFixedFields() throws Exception {
        CliRun fhir = CliRun.run("evaluate", "--input-format", "fhir", EX01.toString());
        CliRun json = CliRun.run("evaluate", "examples/resectable-g2-pancreatic.json");

        assertThat(fhir.exit()).as(fhir.toString()).isZero();
        assertThat(fhir.err()).isEmpty();
        JsonNode a = JSON.readTree(fhir.out());
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        assertThat(names.get(names.size() - 1)).isEqualTo("mapping");
        assertThat(a.get("mapping").get("fields").get("largestLesionCm").get("value").decimalValue()).isEqualByComparingTo("4.0");
        // the assessment itself is the JSON patient's
        ((ObjectNode) a).remove("mapping");
        assertThat(a).isEqualTo(JSON.readTree(json.out()));
    }

    @Test
    void theTextReportEndsWithTheShortMapping() {
        CliRun r = CliRun.run("evaluate", "--input-format", "fhir", "--format", "text", DIR.resolve("conflicting-observations.json").toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Mapping\n").contains("ki67Percent ← Observation/ki67-b (2026-09-30)")
            .contains("ignored: ").contains("Observation/karnofsky (UNKNOWN_CODE)")
            .contains("not mapped: ").contains("creatinineClearanceMlMin (UNUSABLE)");
    }

    @Test
    void badFhirIsOneLinePerProblemNamingResourceAndFieldAndNothingIsAssessed() throws Exception {
        Path bad = tmp.resolve("bad.json");
        JsonNode tree = JSON.readTree(Files.readString(EX01, StandardCharsets.UTF_8));
        for (JsonNode e : tree.get("entry")) {
            var res = (ObjectNode) e.get("resource");
            if (res.get("id").asText().equals("ecog")) {
                res.putObject("subject").put("reference", "Patient/other");
            }
            if (res.get("id").asText().equals("ki67")) {
                res.withObject("/valueQuantity").put("value", 140);
            }
        }
        String bundle = tree.toPrettyString();
        Files.writeString(bad, bundle);

        CliRun r = CliRun.run("evaluate", "--input-format", "fhir", bad.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(
            bad + ":1: patient ex-01: ecog = Patient/other: FOREIGN_SUBJECT: the resource is about another patient [Observation/ecog]",
            bad + ":1: patient ex-01: ki67Percent = 140.0: must be between 0 and 100 [Observation/ki67]");
    }

    @Test
    void notFhirAtAllIsOneLine() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"id\": \"x\", \"primarySite\": \"PANCREAS\"}");

        CliRun r = CliRun.run("evaluate", "--input-format", "fhir", bad.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString().startsWith(bad + ":1: (document): not FHIR JSON: ")
            .doesNotContain("Exception").doesNotContain("HAPI-");
    }

    @Test
    void ndjsonOfBundlesGivesAnArrayAndABrokenMappingFileIsRefusedWithItsPaths() throws Exception {
        Path nd = tmp.resolve("bundles.ndjson");
        Files.writeString(nd, JSON.readTree(Files.readString(EX01)).toString() + "\n\n"
            + JSON.readTree(Files.readString(DIR.resolve("nec-pancreas.json"))).toString() + "\n");
        CliRun r = CliRun.run("evaluate", "--input-format", "fhir", nd.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).findValuesAsText("patientId")).containsExactly("ex-01", "ex-07");

        Path map = tmp.resolve("map.json");
        Files.writeString(map, "{\"netlmFhirMapping\": \"1.0\", \"fields\": {\"ki67Percent\": {\"obsCodes\": []}}}");
        CliRun refused = CliRun.run("evaluate", "--input-format", "fhir", "--fhir-mapping", map.toString(), EX01.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains(map + ": fields.ki67Percent.obsCodes: unknown key");
    }

    @Test
    void theMappingFileAndAsOfOptionsWork() {
        CliRun r = CliRun.run("evaluate", "--input-format", "fhir", "--fhir-mapping", DIR.resolve("local-codes-site.mapping.json").toString(),
            "--as-of", "2026-09-01", DIR.resolve("local-codes-site.json").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"SURUFATINIB\"").contains("\"from\": \"ARGUMENT\"");
        assertThat(CliRun.run("evaluate", "--fhir-mapping", "x.json", EX01.toString()).exit()).isEqualTo(1);
    }

    @Test
    void batchReadsNdjsonOfBundlesAndReportsBadLines() throws Exception {
        Path in = tmp.resolve("in.ndjson");
        Path out = tmp.resolve("out.ndjson");
        Files.writeString(in, JSON.readTree(Files.readString(EX01)).toString() + "\n{\"resourceType\":\"Patient\"}\n");

        CliRun r = CliRun.run("batch", "--input-format", "fhir", "--input", in.toString(), "--output", out.toString(), "--threads", "2");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(in + ":2: (document) = Patient: not a Bundle");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("mapping").get("subject").asText()).isEqualTo("Patient/ex-01");
    }
}
