package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netlm.explain.ExplanationText;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.MissingInput;
import org.netlm.model.PatientCase;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.DerivedCriterion;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;
import org.netlm.testing.Patients;

/**
 * The missing-data summary says, per missing input, which therapies it would decide, and says it from the why /
 * why-not explanations: every therapy it names has an explanation that data for those fields could change, and every
 * such explanation is summarised.
 */
class MissingInputsTest {
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    /** Progressive G2 small-intestinal NET after SSA, SSTR status not known (ExplanationsTest's base case). */
    static final PatientCase NO_SSTR = ExplanationsTest.progressiveMidgutAfterSsa().id("no-sstr").build();

    @Test
    void anUnknownGradeNamesItsFieldsAndTheGradeDependentTherapiesItWouldDecide() {
        PatientCase p = NO_SSTR.toBuilder().id("no-grade").ki67Percent(null).build();

        List<MissingInput> missing = ENGINE.assess(p).missingInputs();

        MissingInput grade = missing.stream().filter(m -> m.finding().equals("grade")).findFirst().orElseThrow();
        assertThat(grade.fields()).containsExactly("grade", "ki67Percent", "mitosesPer2mm2");
        assertThat(grade.criteria()).contains(CriterionCode.GRADE_G1_G2);
        assertThat(grade.decides()).contains(Therapy.EVEROLIMUS, Therapy.PRRT).isSorted();
        assertThat(ExplanationText.missingInput(grade)).startsWith("grade unknown: give grade, ki67Percent or mitosesPer2mm2: decides ")
            .contains("EVEROLIMUS");
    }

    @Test
    void aCapHeldOnlyForWantOfDataIsSummarisedAsDecidingTheTherapy() {
        Assessment a = ENGINE.assess(NO_SSTR);

        assertThat(a.strengthOf(Therapy.PRRT)).contains(Strength.CONSIDER);
        assertThat(a.missingInputs()).anySatisfy(m -> {
            assertThat(m.finding()).isEqualTo("sstrStatus");
            assertThat(m.fields()).containsExactly("sstrStatus");
            assertThat(m.decides()).contains(Therapy.PRRT);
        });
    }

    @Test
    void aFullyDescribedCaseHasNothingMissingAndAnAssessmentWithoutExplanationsHasNoSummary() {
        assertThat(ENGINE.assess(Patients.resectableG2("full")).missingInputs()).isEmpty();
        assertThat(ENGINE.assess(NO_SSTR, AssessOptions.withoutExplanations()).missingInputs()).isEmpty();
    }

    @Test
    void theSummaryAgreesWithTheExplanationsForGeneratedPatients() {
        List<String> problems = new ArrayList<>();
        for (PatientCase p : Patients.sample(7L, 400)) {
            Assessment a = ENGINE.assess(p);
            Set<Therapy> decidable = EnumSet.noneOf(Therapy.class);
            for (WhyNot n : a.explanations().whyNot()) {
                if (n.unlockableByData()) {
                    decidable.add(n.therapy());
                }
            }
            for (Why w : a.explanations().why()) {
                if (w.upgradableByData()) {
                    decidable.add(w.therapy());
                }
            }
            Set<Therapy> summarised = EnumSet.noneOf(Therapy.class);
            for (MissingInput m : a.missingInputs()) {
                summarised.addAll(m.decides());
                assertThat(m.fields()).as(p.getId()).isNotEmpty().startsWith(m.finding());
                for (Therapy t : m.decides()) {
                    List<DerivedCriterion> behind = new ArrayList<>();
                    a.whyNot(t).filter(WhyNot::unlockableByData).ifPresent(n -> behind.addAll(n.missingInputs()));
                    a.why(t).ifPresent(w -> behind.addAll(w.upgradeInputs()));
                    if (behind.stream().noneMatch(c -> m.criteria().contains(c.code()) && c.inputFields().containsAll(m.fields()))) {
                        problems.add(p.getId() + ": " + ExplanationText.missingInput(m) + " but the explanation of " + t + " names " + behind);
                    }
                }
            }
            if (!summarised.equals(decidable)) {
                problems.add(p.getId() + ": summary names " + summarised + ", explanations " + decidable);
            }
        }
        assertThat(problems).isEmpty();
    }
}
