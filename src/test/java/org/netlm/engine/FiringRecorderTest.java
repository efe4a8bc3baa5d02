package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;
import org.netlm.model.CriterionCode;
import org.netlm.model.PatientCase;
import org.netlm.model.Therapy;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.Criteria;
import org.netlm.model.fact.CriteriaCollector;
import org.netlm.model.fact.GradeFinding;
import org.netlm.model.fact.StrengthLimit;
import org.netlm.model.fact.WarningFact;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/** The record of one session's execution that assessments and explanations are built from. */
class FiringRecorderTest {

    @Test
    void itRecordsTheRulesThatFiredInOrderAndEveryFactLeftInWorkingMemory() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        PatientCase p = Patients.resectableG2("rec");
        FiringRecorder recorder = new FiringRecorder();
        KieSession session = engine.kieBase().newKieSession();
        try {
            session.setGlobal(NetlmEngine.CRITERIA_GLOBAL, new CriteriaCollector());
            session.addEventListener(recorder.agendaListener);
            session.addEventListener(recorder.runtimeListener);
            session.insert(p);
            session.fireAllRules();
            assertThat(recorder.fired()).contains("SURG-01", "PROC-MDT-01", "CLASS-CRIT-NET", "CLASS-CRIT-ALL")
                .isEqualTo(engine.assess(p).firedRules());
            // the criteria are gathered after every classification rule, before any recommendation rule
            assertThat(recorder.fired().indexOf("CLASS-CRIT-ALL")).isGreaterThan(recorder.fired().indexOf("CLASS-CRIT-NET"))
                .isLessThan(recorder.fired().indexOf("SURG-01"));
            // every derived fact in working memory is routed to its slot, once
            RuleOutput out = recorder.output();
            assertThat(out.candidates).containsExactlyInAnyOrderElementsOf(session.getObjects(Candidate.class::isInstance).stream()
                .map(Candidate.class::cast).toList());
            assertThat(out.limits).hasSameSizeAs(session.getObjects(StrengthLimit.class::isInstance));
            assertThat(out.warnings).hasSameSizeAs(session.getObjects(WarningFact.class::isInstance));
            assertThat(out.grade).isSameAs(session.getObjects(GradeFinding.class::isInstance).iterator().next());
            Criteria criteria = out.criteria;
            assertThat(List.<Object>copyOf(session.getObjects(Criteria.class::isInstance))).containsExactly(criteria);
            assertThat(criteria.derivedBy(CriterionCode.NET)).isEqualTo("CLASS-CRIT-NET");
            assertThat(criteria.derivedBy(CriterionCode.FIT_FOR_SURGERY)).isEqualTo("CLASS-CRIT-FIT");
            assertThat(criteria.all()).hasSize(CriterionCode.values().length);
        } finally {
            session.dispose();
        }
    }

    @Test
    void theRuleThatFiresMostOftenIsNamedWithItsCount(@TempDir Path tmp) {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "classification/");
        folder.append("classification/scope.drl", """
            // Test rule: fires once per therapy.
            rule "Looks at every therapy"
                @id("ALL-THERAPIES") @evidence("XUE2025")
            when
                $t : Therapy() from Therapy.values()
            then
            end
            """);
        NetlmEngine engine = NetlmEngine.fromDirectory(folder.dir());
        FiringRecorder recorder = new FiringRecorder();
        KieSession session = engine.kieBase().newKieSession();
        try {
            session.setGlobal(NetlmEngine.CRITERIA_GLOBAL, new CriteriaCollector());
            session.addEventListener(recorder.agendaListener);
            session.insert(Patients.resectableG2("rec"));
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        assertThat(recorder.mostFired()).isEqualTo("ALL-THERAPIES (" + Therapy.values().length + " times)");
    }

    @Test
    void anEmptyRecordHasNoMostFiredRule() {
        FiringRecorder recorder = new FiringRecorder();
        assertThat(recorder.mostFired()).isEqualTo("none");
        assertThat(recorder.fired()).isEmpty();
        assertThat(recorder.output().candidates).isEmpty();
        assertThat(recorder.output().criteria).isNull();
    }
}
