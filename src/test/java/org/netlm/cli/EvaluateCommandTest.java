package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.model.Assessment;

class EvaluateCommandTest {
    static final Path EXAMPLE_01 = Path.of("examples/resectable-g2-pancreatic.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path write(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static String patient(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"primarySite\":\"PANCREAS\",\"differentiation\":\"WELL\"" + extra + "}";
    }

    @Test
    void example01GivesRadicalResectionRecommendedBySurg01WithEvidence() throws Exception {
        CliRun r = CliRun.run("evaluate", EXAMPLE_01.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode a = JSON.readTree(r.out());
        assertThat(a.isObject()).as("one patient gives one object").isTrue();
        assertThat(a.get("patientId").asText()).isEqualTo("ex-01");
        assertThat(a.get("findings").get("grade").asText()).isEqualTo("G2");
        JsonNode surgery = null;
        for (JsonNode rec : a.get("recommendations")) {
            if (rec.get("therapy").asText().equals("RADICAL_RESECTION")) {
                surgery = rec;
            }
        }
        assertThat(surgery).as("RADICAL_RESECTION in " + r.out()).isNotNull();
        assertThat(surgery.get("strength").asText()).isEqualTo("RECOMMENDED");
        assertThat(surgery.get("ruleId").asText()).isEqualTo("SURG-01");
        assertThat(surgery.get("evidence").size()).isPositive();
        assertThat(surgery.get("evidence").get(0).get("label").asText()).startsWith("Xue");
        assertThat(surgery.get("evidence").get(0).get("doi").asText()).isEqualTo("10.3389/fendo.2025.1601185");
        assertThat(a.get("disclaimer").asText()).isEqualTo(Assessment.DISCLAIMER);
    }

    @Test
    void textFormatShowsFindingsRecommendationsCitationsWarningsAndDisclaimer() {
        CliRun r = CliRun.run("evaluate", "--format", "text", EXAMPLE_01.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
            .containsPattern("^Patient ex-01  \\(knowledge 2\\.0\\.0, rule set [^)]+\\)\n")
            .contains("Findings")
            .containsPattern("grade\\s+G2 \\(derived")
            .containsPattern("resectability\\s+RESECTABLE")
            .containsPattern("RECOMMENDED\\s+RADICAL_RESECTION\\s+\\[SURG-01\\]")
            .contains("radical resection (with the primary if in situ)")
            .contains("Xue J-S et al., Front Endocrinol 2025;16:1601185 (systematic review) — DOI 10.3389/fendo.2025.1601185, PMID 40778271")
            .contains("LIVER_TYPE_DERIVED: ")
            .endsWith(Assessment.DISCLAIMER + "\n");
        assertThat(r.out().indexOf("Findings")).isLessThan(r.out().indexOf("Recommendations"));
        assertThat(r.out().indexOf("Recommendations")).isLessThan(r.out().indexOf("Warnings"));
        assertThat(r.out()).doesNotContain("{");
    }

    @Test
    void textFormatListsWhatIsOnOfferBeforeWhatIsNot() throws Exception {
        Path nec = write("nec.json", patient("nec-1", ",\"ki67Percent\":70,\"differentiation\":\"POOR\"").replace("\"differentiation\":\"WELL\",", ""));

        CliRun r = CliRun.run("evaluate", "--format", "text", nec.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        int lastOffered = Math.max(r.out().lastIndexOf("    RECOMMENDED "), r.out().lastIndexOf("    CONSIDER "));
        int firstNot = r.out().indexOf("    NOT_RECOMMENDED ");
        assertThat(firstNot).as("a NEC gets NOT_RECOMMENDED items").isPositive();
        assertThat(lastOffered).isPositive().isLessThan(firstNot);
    }

    @Test
    void formatIsCaseInsensitive() {
        assertThat(CliRun.run("evaluate", "--format", "TEXT", EXAMPLE_01.toString()).out()).startsWith("Patient ex-01");
    }

    @Test
    void impossibleKi67AndEcogExitWith1NamingBothFieldsWithFileAndLine() throws Exception {
        Path f = write("bad.json", "{\n  \"id\": \"p-bad\", \"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\",\n"
            + "  \"ki67Percent\": 140, \"ecog\": 7\n}\n");

        CliRun r = CliRun.run("evaluate", f.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(2)
            .anySatisfy(l -> assertThat(l).startsWith(f + ":1: patient p-bad: ki67Percent = 140"))
            .anySatisfy(l -> assertThat(l).startsWith(f + ":1: patient p-bad: ecog = 7"));
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownFieldExitsWith1NamingIt() throws Exception {
        Path f = write("typo.json", patient("p1", ",\"ki67Procent\":5"));

        CliRun r = CliRun.run("evaluate", f.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(f + ":1: patient p1: ki67Procent: unknown field");
    }

    @Test
    void ndjsonGivesAnArrayInInputOrderAndStillAssessesTheValidPatients() throws Exception {
        Path f = write("cohort.ndjson", patient("a", "") + "\n\n" + patient("b", ",\"ki67Percent\":140") + "\n"
            + patient("c", ",\"ecog\":1") + "\n");

        CliRun r = CliRun.run("evaluate", f.toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.isArray()).isTrue();
        assertThat(out.findValuesAsText("patientId")).containsExactly("a", "c");
        assertThat(r.err().lines()).singleElement().asString()
            .startsWith(f + ":3: patient b: ki67Percent = 140").endsWith(": must be between 0 and 100");
    }

    @Test
    void anArrayFileGivesAnArrayAndNamesTheElementOfAnInvalidPatient() throws Exception {
        Path f = write("cohort.json", "[\n  " + patient("a", "") + ",\n  " + patient("b", ",\"age\":130") + "\n]\n");

        CliRun r = CliRun.run("evaluate", f.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).findValuesAsText("patientId")).containsExactly("a");
        assertThat(r.err()).startsWith(f + ":3: element 1, patient b: age = 130:");
    }

    @Test
    void severalFilesGiveOneArray() throws Exception {
        Path a = write("a.json", patient("a", ""));
        Path b = write("b.json", patient("b", ""));

        CliRun r = CliRun.run("evaluate", a.toString(), b.toString());

        assertThat(r.exit()).isZero();
        assertThat(JSON.readTree(r.out()).findValuesAsText("patientId")).containsExactly("a", "b");
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        CliRun r = CliRun.withStdin(patient("from-stdin", "") + "\n", "evaluate", "-");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(JSON.readTree(r.out()).get("patientId").asText()).isEqualTo("from-stdin");
    }

    @Test
    void brokenJsonIsOneLineWithLineAndColumnAndNoStackTrace() throws Exception {
        Path f = write("broken.json", "{\n  \"id\": \"x\",\n  \"age\": ,\n}\n");

        CliRun r = CliRun.run("evaluate", f.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
            .startsWith(f + ": invalid JSON: ").contains("(line 3, column 10)");
    }

    @Test
    void aMissingFileIsOneClearLine() {
        CliRun r = CliRun.run("evaluate", tmp.resolve("nope.json").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(tmp.resolve("nope.json") + ": cannot read: no such file: " + tmp.resolve("nope.json") + "\n");
    }

    @Test
    void anEmptyFileIsAClearError() throws Exception {
        Path f = write("empty.json", "\n \n");

        CliRun r = CliRun.run("evaluate", f.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(f + ": no patient found (the input is empty)");
    }

    @Test
    void rulesThatDoNotCompileExitWith2() throws Exception {
        Path rules = RuleFolders.copyOfBundledRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("recommendation/surgery.drl"), "\nrule \"broken\" when then oops(;\nend\n",
            StandardOpenOption.APPEND);

        CliRun r = CliRun.run("evaluate", "--rules", rules.toString(), EXAMPLE_01.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("recommendation/surgery.drl:").doesNotContain("\tat ");
    }

    @Test
    void aMissingRuleFolderExitsWith2() {
        CliRun r = CliRun.run("evaluate", "--rules", tmp.resolve("no-rules").toString(), EXAMPLE_01.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("cannot read rule folder " + tmp.resolve("no-rules"));
    }

    @Test
    void usageErrorsAreReportedWithoutAStackTrace() {
        CliRun r = CliRun.run("evaluate", "--format", "pdf", EXAMPLE_01.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--format").doesNotContain("\tat ");
    }
}
