package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.Citation;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
import org.netlm.model.Findings;
import org.netlm.model.Grade;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.model.fact.GradeFinding;

class AssessmentJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Assessment example01;

    @BeforeAll
    static void assess() throws Exception {
        example01 = NetlmEngine.withDefaultRules().assess(
            PatientJson.parse(Files.readString(Path.of("examples/resectable-g2-pancreatic.json"))));
    }

    static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A hand-made assessment: every value known, so the test does not depend on the rules. */
    static Assessment handMade() {
        Recommendation r = new Recommendation(Therapy.PRRT, Strength.NOT_RECOMMENDED, "no SSTR expression.",
            List.of(new Citation("K1", "Author A, Journal 2020", "10.1/x", null), new Citation("K2", "Author B, Book", null, "123")),
            "SYS-9", List.of(new Opinion(Strength.NOT_RECOMMENDED, "SYS-9", "no SSTR expression."),
                new Opinion(Strength.CONSIDER, "SYS-8", "progressive \"midgut\" NET.")),
            List.of("RES-1: at most CONSIDER"));
        return new Assessment("case-17", "1.0+abc", "2.0.0", new Findings("NET", Grade.G2, GradeFinding.Source.REPORTED, null, null, null, null, true),
            List.of(r), List.of(new Warning(WarningCode.SSTR_STATUS_UNKNOWN, "give sstrStatus")), List.of("A-1", "SYS-9"),
            List.of(new Criterion(CriterionCode.NET, CriterionState.MET, "differentiation=WELL")), Assessment.DISCLAIMER);
    }

    @Test
    void sectionsComeInTheContractOrder() throws Exception {
        JsonNode a = JSON.readTree(AssessmentJson.toJson(example01));

        assertThat(names(a)).containsExactly("patientId", "rulesetVersion", "knowledgeVersion", "findings", "recommendations", "warnings",
            "firedRules", "missingInputs", "criteria", "explanations", "disclaimer");
        assertThat(names(a.get("recommendations").get(0)))
            .containsExactly("therapy", "strength", "rationale", "evidence", "ruleId", "opinions", "limits");
    }

    @Test
    void everyValueOfTheAssessmentIsWrittenAndNothingElse() throws Exception {
        JsonNode a = JSON.readTree(AssessmentJson.toJson(handMade()));

        assertThat(a).isEqualTo(JSON.readTree("""
            {"patientId": "case-17", "rulesetVersion": "1.0+abc", "knowledgeVersion": "2.0.0",
             "findings": {"scope": "NET", "grade": "G2", "gradeSource": "REPORTED", "fitForSurgery": true},
             "recommendations": [{"therapy": "PRRT", "strength": "NOT_RECOMMENDED", "rationale": "no SSTR expression.",
               "evidence": [{"label": "Author A, Journal 2020", "doi": "10.1/x"}, {"label": "Author B, Book", "pmid": "123"}],
               "ruleId": "SYS-9",
               "opinions": [{"strength": "NOT_RECOMMENDED", "ruleId": "SYS-9", "rationale": "no SSTR expression."},
                            {"strength": "CONSIDER", "ruleId": "SYS-8", "rationale": "progressive \\"midgut\\" NET."}],
               "limits": ["RES-1: at most CONSIDER"]}],
             "warnings": [{"code": "SSTR_STATUS_UNKNOWN", "message": "give sstrStatus"}],
             "firedRules": ["A-1", "SYS-9"],
             "criteria": [{"code": "NET", "state": "MET", "basis": "differentiation=WELL"}],
             "disclaimer": "%s"}
            """.formatted(Assessment.DISCLAIMER)));
    }

    @Test
    void unverifiedIdentifiersAreLeftOutNotWrittenAsNull() {
        String json = AssessmentJson.toJson(handMade());

        assertThat(json).doesNotContain("null");
    }

    @Test
    void compactJsonIsOneLineWithTheSameContentAsPrettyJson() throws Exception {
        String compact = AssessmentJson.toCompactJson(example01);
        String pretty = AssessmentJson.toJson(example01);

        assertThat(compact).doesNotContain("\n");
        assertThat(pretty).contains("\n  \"patientId\": \"ex-01\",\n").doesNotContain("\r");
        assertThat(JSON.readTree(compact)).isEqualTo(JSON.readTree(pretty));
    }

    @Test
    void theSameAssessmentGivesTheSameBytes() {
        assertThat(AssessmentJson.toCompactJson(handMade())).isEqualTo(AssessmentJson.toCompactJson(handMade()));
    }

    /** What the text path gives on a file: the compact JSON and a line break through a UTF-8 writer. */
    static byte[] throughUtf8Writer(String json) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.Writer w = new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8)) {
            w.write(json);
            w.write('\n');
        }
        return bytes.toByteArray();
    }

    static byte[] compactLine(Assessment a) {
        ByteLines out = new ByteLines(16);
        out.write('x'); // appends after what the buffer holds
        AssessmentJson.writeCompactLine(a, out);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            out.writeTo(bytes, 1, out.size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void aCompactLineIsTheUtf8OfTheCompactTextForGeneratedPatientsWithAndWithoutExplanations() throws Exception {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        List<org.netlm.model.PatientCase> patients = org.netlm.testing.Patients.sample(7, 120);
        for (int i = 0; i < patients.size(); i++) {
            Assessment a = engine.assess(patients.get(i), i % 4 == 0 ? org.netlm.engine.AssessOptions.DEFAULT
                : org.netlm.engine.AssessOptions.withoutExplanations());
            assertThat(compactLine(a)).as(a.patientId()).isEqualTo(throughUtf8Writer(AssessmentJson.toCompactJson(a)));
        }
    }

    @Test
    void aCompactLineKeepsTheBytesOfTheTextPathForEscapesAndCharactersBeyondAscii() throws Exception {
        Assessment base = handMade();
        List<String> texts = List.of("caf\u00e9 \u2013 \u2026 \u2028", "emoji \uD83D\uDE00 pair", "lone \uD800 high",
            "lone \uDC00 low", "end \uD83D", "quote \" and back\\slash with \uDBFF lone", "quote \" and pair \uD83D\uDE00", "tab\tnew\nline\u0001\u001f\u007f",
            "", "x".repeat(5000) + "\"");
        for (String t : texts) {
            Recommendation r = base.recommendations().get(0);
            Recommendation odd = new Recommendation(r.therapy(), r.strength(), t, r.evidence(), t, r.opinions(), List.of(t));
            Assessment a = new Assessment(t, base.rulesetVersion(), base.knowledgeVersion(), base.findings(), List.of(odd), base.warnings(),
                List.of(t, "A-1"), List.of(new Criterion(CriterionCode.NET, CriterionState.MET, t)), base.disclaimer());
            assertThat(compactLine(a)).as(t).isEqualTo(throughUtf8Writer(AssessmentJson.toCompactJson(a)));
            if (!t.isBlank() && t.length() <= 200 && t.chars().noneMatch(Character::isISOControl)) { // a valid id
                Assessment explained = NetlmEngine.withDefaultRules().assess(org.netlm.testing.Patients.minimal(t));
                assertThat(explained.explanations().isEmpty()).isFalse();
                assertThat(compactLine(explained)).as(t).isEqualTo(throughUtf8Writer(AssessmentJson.toCompactJson(explained)));
            }
        }
    }
}
