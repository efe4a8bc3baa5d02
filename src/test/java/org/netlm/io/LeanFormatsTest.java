package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.Findings;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

/** The lean batch formats (summary NDJSON, CSV) read back with Jackson and compared with the assessments. */
class LeanFormatsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final CsvMapper CSV = new CsvMapper();
    static List<Assessment> cohort = new ArrayList<>();

    @BeforeAll
    static void assess() throws Exception {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        for (String line : Files.readAllLines(Path.of("examples/cohort.ndjson"))) {
            cohort.add(engine.assess(PatientJson.parse(line), AssessOptions.withoutExplanations()));
        }
    }

    /** Rows of a CSV text as maps from the header's names, read with the CSV library. */
    static List<Map<String, String>> readCsv(byte[] csv) throws Exception {
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    static String utf8(ByteLines b) {
        return new String(b.copy(), StandardCharsets.UTF_8);
    }

    @Test
    void theCsvHeaderIsLineIdVersionsEveryFindingEveryTherapyWarningsErrorsDisclaimer() {
        List<String> expected = new ArrayList<>(List.of("line", "patientId", "rulesetVersion", "knowledgeVersion"));
        expected.addAll(Findings.NAMES);
        for (Therapy t : Therapy.values()) {
            expected.add(t.name());
        }
        expected.addAll(List.of("warnings", "errors", "disclaimer"));

        assertThat(AssessmentCsv.COLUMNS).containsExactlyElementsOf(expected);
        ByteLines b = new ByteLines(64);
        AssessmentCsv.writeHeader(b);
        assertThat(utf8(b)).isEqualTo(String.join(",", expected) + "\n");
    }

    @Test
    void findingNamesAreTheKeysOfTheFindingsMapInTheirOrder() {
        for (Assessment a : cohort) {
            assertThat(Findings.NAMES).containsSubsequence(List.copyOf(a.findings().asMap().keySet()));
        }
        assertThat(Findings.NAMES).contains("grade", "liverMetastasisType", "resectability", "tumorBurden");
    }

    @Test
    void everyCsvRowReadBackHoldsTheAssessment() throws Exception {
        ByteLines b = new ByteLines(1024);
        AssessmentCsv.writeHeader(b);
        for (int i = 0; i < cohort.size(); i++) {
            AssessmentCsv.writeRow(i + 1, cohort.get(i), b);
        }

        List<Map<String, String>> rows = readCsv(b.copy());

        assertThat(rows).hasSize(cohort.size());
        for (int i = 0; i < cohort.size(); i++) {
            Assessment a = cohort.get(i);
            Map<String, String> row = rows.get(i);
            assertThat(row.get("line")).isEqualTo(Integer.toString(i + 1));
            assertThat(row.get("patientId")).isEqualTo(a.patientId());
            assertThat(row.get("rulesetVersion")).isEqualTo(a.rulesetVersion());
            for (String f : Findings.NAMES) {
                assertThat(row.get(f)).as(f).isEqualTo(a.findings().asMap().getOrDefault(f, ""));
            }
            for (Therapy t : Therapy.values()) {
                assertThat(row.get(t.name())).as(t.name())
                    .isEqualTo(a.strengthOf(t).map(Enum::name).orElse(""));
            }
            assertThat(row.get("warnings")).isEqualTo(String.join(";", a.warnings().stream().map(w -> w.code().name()).toList()));
            assertThat(row.get("errors")).isEmpty();
            assertThat(row.get("disclaimer")).isEqualTo(Assessment.DISCLAIMER);
        }
        assertThat(rows).anySatisfy(r -> assertThat(r.get("RADICAL_RESECTION")).isEqualTo("RECOMMENDED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", " padded ", "ünï ✓ 🚑", ""})
    void idsWithCommasQuotesAndLineBreaksSurviveTheRoundTrip(String id) throws Exception {
        ByteLines b = new ByteLines(64);
        AssessmentCsv.writeHeader(b);
        AssessmentCsv.writeRejectedRow(7, id, List.of("in:7: a, \"b\"", "in:7: c"), b);
        Assessment a = cohort.get(0);
        List<Warning> two = List.of(new Warning(WarningCode.GRADE_UNKNOWN, "m, 1"), new Warning(WarningCode.FITNESS_UNKNOWN, "m2"));
        AssessmentCsv.writeRow(8, new Assessment(id, a.rulesetVersion(), a.knowledgeVersion(), a.findings(), a.recommendations(), two,
            a.firedRules(), a.criteria(), a.disclaimer()), b);

        List<Map<String, String>> rows = readCsv(b.copy());

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("line", "7").containsEntry("patientId", id)
            .containsEntry("errors", "in:7: a, \"b\"; in:7: c").containsEntry("grade", "").containsEntry("warnings", "");
        assertThat(rows.get(1)).containsEntry("line", "8").containsEntry("patientId", id)
            .containsEntry("warnings", "GRADE_UNKNOWN;FITNESS_UNKNOWN").containsEntry("errors", "");
    }

    @Test
    void aRejectedRowWithoutAnIdHasAnEmptyIdCell() throws Exception {
        ByteLines b = new ByteLines(64);
        AssessmentCsv.writeHeader(b);
        AssessmentCsv.writeRejectedRow(2, null, List.of("in:2: (document): invalid JSON"), b);

        assertThat(readCsv(b.copy())).singleElement().satisfies(r -> assertThat(r)
            .containsEntry("patientId", "").containsEntry("errors", "in:2: (document): invalid JSON"));
    }

    @Test
    void everySummaryLineReadBackHoldsTheAssessment() throws Exception {
        ByteLines b = new ByteLines(1024);
        for (int i = 0; i < cohort.size(); i++) {
            AssessmentSummaryJson.writeLine(i + 1, cohort.get(i), b);
        }

        List<String> lines = utf8(b).lines().toList();

        assertThat(lines).hasSize(cohort.size());
        assertThat(utf8(b)).endsWith("}\n");
        for (int i = 0; i < cohort.size(); i++) {
            Assessment a = cohort.get(i);
            JsonNode n = JSON.readTree(lines.get(i));
            assertThat(names(n)).containsExactly("line", "patientId", "rulesetVersion", "knowledgeVersion", "findings", "recommendations",
                "warnings", "disclaimer");
            assertThat(n.get("line").asLong()).isEqualTo(i + 1);
            assertThat(n.get("patientId").asText()).isEqualTo(a.patientId());
            assertThat(n.get("rulesetVersion").asText()).isEqualTo(a.rulesetVersion());
            assertThat(n.get("knowledgeVersion").asText()).isEqualTo(a.knowledgeVersion());
            assertThat(n.get("findings")).isEqualTo(JSON.readTree(AssessmentJson.toCompactJson(a)).get("findings"));
            List<String> recs = new ArrayList<>();
            n.get("recommendations").forEach(r -> recs.add(r.get("therapy").asText() + "/" + r.get("strength").asText()
                + "/" + r.get("ruleId").asText()));
            assertThat(recs).containsExactlyElementsOf(a.recommendations().stream()
                .map(r -> r.therapy() + "/" + r.strength() + "/" + r.ruleId()).toList());
            List<String> warnings = new ArrayList<>();
            n.get("warnings").forEach(w -> warnings.add(w.asText()));
            assertThat(warnings).containsExactlyElementsOf(a.warnings().stream().map(w -> w.code().name()).toList());
            assertThat(n.get("disclaimer").asText()).isEqualTo(Assessment.DISCLAIMER);
        }
    }

    @Test
    void aRejectedSummaryLineHasItsLineIdAndEveryProblem() throws Exception {
        ByteLines b = new ByteLines(64);
        AssessmentSummaryJson.writeRejectedLine(5, "p\"3", List.of("in:5: one", "in:5: two"), b);
        AssessmentSummaryJson.writeRejectedLine(6, null, List.of("in:6: (document): invalid JSON"), b);

        List<String> lines = utf8(b).lines().toList();

        JsonNode five = JSON.readTree(lines.get(0));
        assertThat(names(five)).containsExactly("line", "patientId", "errors", "disclaimer");
        assertThat(five.get("patientId").asText()).isEqualTo("p\"3");
        assertThat(five.get("errors").toString()).isEqualTo("[\"in:5: one\",\"in:5: two\"]");
        assertThat(names(JSON.readTree(lines.get(1)))).containsExactly("line", "errors", "disclaimer");
    }

    @Test
    void aLoneSurrogateIsWrittenAsAQuestionMarkAsInTheFullFormat() {
        ByteLines b = new ByteLines(64);
        AssessmentCsv.writeRejectedRow(1, "x\ud800y", List.of("e"), b);

        assertThat(utf8(b)).startsWith("1,x?y,");
    }

    static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }


}
