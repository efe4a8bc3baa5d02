package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.testing.RuleFolder;

/**
 * {@code impact --input-format fhir}: a cohort of FHIR Bundles (NDJSON of the Bundles in examples/fhir, and a Bundle
 * file), mapped with the same options as {@code batch}; its counts equal what two {@code batch --input-format fhir}
 * runs show.
 */
class ImpactFhirCohortTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLES = Path.of("examples/fhir");
    /** The mapping file the local-codes example needs, and a fixed as-of date: the options evaluate and batch take. */
    static final List<String> FHIR = List.of("--input-format", "fhir", "--fhir-mapping",
        EXAMPLES.resolve("local-codes-site.mapping.json").toString(), "--as-of", "2026-10-12");
    static final String SURG_01 = "insert(Candidate.of(kcontext, Therapy.RADICAL_RESECTION, Strength.RECOMMENDED,";

    @TempDir
    static Path dir;
    static Path edited;
    static Path bundles;

    /** Radical resection (SURG-01) lowered from RECOMMENDED to CONSIDER; the example Bundles one a line. */
    @BeforeAll
    static void editAndCohort() throws IOException {
        RuleFolder f = RuleFolder.copyOfBundled(dir.resolve("edited"));
        f.replace("recommendation/surgery.drl", SURG_01, SURG_01.replace("RECOMMENDED", "CONSIDER"));
        f.replace("recommendation/surgery.drl", "@offers(\"RADICAL_RESECTION:RECOMMENDED\")", "@offers(\"RADICAL_RESECTION:CONSIDER\")");
        edited = f.dir();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path p : files.filter(p -> !p.toString().endsWith(".mapping.json")).sorted().toList()) {
                lines.add(JSON.writeValueAsString(JSON.readTree(p.toFile())));
            }
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        bundles = dir.resolve("bundles.ndjson");
        Files.write(bundles, lines, StandardCharsets.UTF_8);
    }

    static CliRun run(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        all.addAll(FHIR);
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void anNdjsonCohortOfBundlesCountsWhatTwoBatchRunsShow() throws IOException {
        CliRun impact = run("impact", List.of("--before", "bundled", "--after", edited.toString(), "--cohort",
            bundles.toString(), "--format", "json", "--threads", "2"));
        assertThat(impact.exit()).as("%s", impact).isEqualTo(3);
        JsonNode report = JSON.readTree(impact.out());

        Path b = dir.resolve("before.ndjson");
        Path a = dir.resolve("after.ndjson");
        assertThat(run("batch", List.of("--input", bundles.toString(), "--output", b.toString())).exit()).isZero();
        assertThat(run("batch", List.of("--rules", edited.toString(), "--input", bundles.toString(), "--output",
            a.toString())).exit()).isZero();
        List<String> before = Files.readAllLines(b, StandardCharsets.UTF_8);
        List<String> after = Files.readAllLines(a, StandardCharsets.UTF_8);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            JsonNode x = JSON.readTree(before.get(i));
            JsonNode y = JSON.readTree(after.get(i));
            if (!x.get("recommendations").equals(y.get("recommendations"))) {
                changed.add(x.get("patientId").asText());
            }
        }
        assertThat(changed).as("the edit changes a FHIR patient").isNotEmpty();
        assertThat(report.get("patients").asInt()).isEqualTo(before.size());
        assertThat(report.get("rejected").asInt()).isZero();
        assertThat(report.get("recommendationsChanged").asInt()).isEqualTo(changed.size());
        assertThat(report.get("therapies")).singleElement().satisfies(t -> {
            assertThat(t.get("therapy").asText()).isEqualTo("RADICAL_RESECTION");
            assertThat(t.get("from").asText()).isEqualTo("RECOMMENDED");
            assertThat(t.get("to").asText()).isEqualTo("CONSIDER");
            assertThat(t.get("patients").asInt()).isEqualTo(changed.size());
            assertThat(t.get("examples").findValuesAsText("patientId")).containsExactlyInAnyOrderElementsOf(changed);
        });
    }

    @Test
    void aBundleFileIsReadWithFhirInputAndRefusedWithoutIt() throws IOException {
        String file = EXAMPLES.resolve("resectable-g2-pancreatic.json").toString();
        CliRun impact = run("impact", List.of("--before", "bundled", "--after", edited.toString(), "--cohort", file,
            "--format", "json"));
        assertThat(impact.exit()).as("%s", impact).isEqualTo(3);
        JsonNode report = JSON.readTree(impact.out());
        assertThat(report.get("patients").asInt()).isEqualTo(1);
        assertThat(report.get("recommendationsChanged").asInt()).isEqualTo(1);

        CliRun json = CliRun.run("impact", "--before", "bundled", "--after", edited.toString(), "--cohort", file);
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.err()).contains(file + ": holds a FHIR Bundle: read it with --input-format fhir")
            .doesNotContain("Exception");
    }

    @Test
    void aFolderOfBundlesLeavesOutTheSiteMappingBesideThemAndANamedMappingFileIsRefused() throws IOException {
        CliRun folder = run("impact", List.of("--before", "bundled", "--after", edited.toString(), "--cohort",
            EXAMPLES.toString(), "--format", "json"));
        assertThat(folder.exit()).as("%s", folder).isEqualTo(3);
        JsonNode report = JSON.readTree(folder.out());
        long bundlesInFolder;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            bundlesInFolder = files.filter(p -> !p.toString().endsWith(".mapping.json")).count();
        }
        assertThat(report.get("patients").asInt()).as("every Bundle, not the mapping file").isEqualTo(bundlesInFolder);
        assertThat(report.get("rejected").asInt()).isZero();

        String mapping = EXAMPLES.resolve("local-codes-site.mapping.json").toString();
        CliRun named = run("impact", List.of("--before", "bundled", "--after", edited.toString(), "--cohort", mapping));
        assertThat(named.exit()).isEqualTo(1);
        assertThat(named.err()).contains(mapping + ": holds a site's FHIR code mapping, not patients: pass it with --fhir-mapping")
            .doesNotContain("Exception");
    }
}
