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
import org.netlm.model.GradeFinding;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

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
        return new Assessment("case-17", "1.0+abc", new Findings("NET", Grade.G2, GradeFinding.Source.REPORTED, null, null, null, null, true),
            List.of(r), List.of(new Warning(WarningCode.SSTR_STATUS_UNKNOWN, "give sstrStatus")), List.of("A-1", "SYS-9"),
            List.of(new Criterion(CriterionCode.NET, CriterionState.MET, "differentiation=WELL")), Assessment.DISCLAIMER);
    }

    @Test
    void sectionsComeInTheContractOrder() throws Exception {
        JsonNode a = JSON.readTree(AssessmentJson.toJson(example01));

        assertThat(names(a)).containsExactly("patientId", "rulesetVersion", "findings", "recommendations", "warnings",
            "firedRules", "criteria", "explanations", "disclaimer");
        assertThat(names(a.get("recommendations").get(0)))
            .containsExactly("therapy", "strength", "rationale", "evidence", "ruleId", "opinions", "limits");
    }

    @Test
    void everyValueOfTheAssessmentIsWrittenAndNothingElse() throws Exception {
        JsonNode a = JSON.readTree(AssessmentJson.toJson(handMade()));

        assertThat(a).isEqualTo(JSON.readTree("""
            {"patientId": "case-17", "rulesetVersion": "1.0+abc",
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
}
