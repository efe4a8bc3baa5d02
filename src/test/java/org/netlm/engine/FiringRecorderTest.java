package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;
import org.netlm.model.Candidate;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.PatientCase;
import org.netlm.model.Therapy;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/** The record of one session's execution that explanations are built from. */
class FiringRecorderTest {

    @Test
    void itRecordsWhichRuleFiredWhichRuleInsertedEachFactAndTheCriteriaEachRuleMatched() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        PatientCase p = Patients.resectableG2("rec");
        FiringRecorder recorder = new FiringRecorder(true);
        KieSession session = engine.kieBase().newKieSession();
        try {
            session.addEventListener(recorder.agendaListener);
            session.addEventListener(recorder.runtimeListener);
            session.insert(p);
            session.fireAllRules();
            assertThat(recorder.fired()).contains("SURG-01", "PROC-MDT-01", "CLASS-CRIT-NET")
                .isEqualTo(engine.assess(p).firedRules());
            assertThat(recorder.insertedBy(p)).isNull();
            Candidate resection = session.getObjects().stream().filter(Candidate.class::isInstance).map(Candidate.class::cast)
                .filter(c -> c.getTherapy() == Therapy.RADICAL_RESECTION).findFirst().orElseThrow();
            assertThat(recorder.insertedBy(resection)).isEqualTo("SURG-01");
            Criterion net = session.getObjects().stream().filter(Criterion.class::isInstance).map(Criterion.class::cast)
                .filter(c -> c.getCode() == CriterionCode.NET).findFirst().orElseThrow();
            assertThat(recorder.insertedBy(net)).isEqualTo("CLASS-CRIT-NET");
            assertThat(recorder.matchedCriteria("SURG-01")).extracting(Criterion::getCode).containsExactlyInAnyOrder(
                CriterionCode.NET, CriterionCode.GRADE_G1_G2, CriterionCode.LIVER_TYPE_I_II, CriterionCode.RESECTABLE,
                CriterionCode.EXTRAHEPATIC_DISEASE, CriterionCode.FIT_FOR_SURGERY, CriterionCode.PRIMARY_UNRESECTABLE);
            assertThat(recorder.matchedCriteria("CLASS-CRIT-NET")).isEmpty();
            assertThat(recorder.matchedCriteria("NO-SUCH-RULE")).isEmpty();
            assertThat(recorder.mostFired()).matches("[A-Z0-9-]+ \\(\\d+ times\\)");
        } finally {
            session.dispose();
        }
    }

    @Test
    void aRuleFiringSeveralTimesAddsUpItsMatchedCriteriaAndLeadsMostFired(@TempDir Path tmp) {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "classification/");
        folder.append("classification/scope.drl", """
            rule "Looks at every criterion"
                @id("ALL-CRIT") @evidence("XUE2025")
            when
                $c : Criterion()
            then
            end
            """);
        NetlmEngine engine = NetlmEngine.fromDirectory(folder.dir());
        FiringRecorder recorder = new FiringRecorder(true);
        KieSession session = engine.kieBase().newKieSession();
        try {
            session.addEventListener(recorder.agendaListener);
            session.insert(Patients.resectableG2("rec"));
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        int criteria = CriterionCode.values().length;
        assertThat(recorder.matchedCriteria("ALL-CRIT")).hasSize(criteria)
            .extracting(Criterion::getCode).containsExactlyInAnyOrder(CriterionCode.values());
        assertThat(recorder.mostFired()).isEqualTo("ALL-CRIT (" + criteria + " times)");
    }

    @Test
    void anEmptyRecordHasNoMostFiredRule() {
        FiringRecorder recorder = new FiringRecorder(true);
        assertThat(recorder.mostFired()).isEqualTo("none");
        assertThat(recorder.fired()).isEmpty();
    }
}
