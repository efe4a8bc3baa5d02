package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.ChildPugh;
import org.netlm.model.ClosingSentences;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.Recommendation;
import org.netlm.model.SstrStatus;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.model.WarningCode;

/**
 * What model v2 says about the output that the scenario format cannot check (decision-model.md §1-§3): the order of
 * the recommendations (V2-45), the fixed closing sentences (V2-35, V2-47), the tumour-board reasons (V2-38), and the
 * warnings that must not be raised or must be raised once (V2-01, V2-03, V2-10).
 */
class ModelV2OutputTest {
    private static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    /** Unresectable progressive symptomatic pancreatic G2 NET with HIGH burden after progression on SSA. */
    private static PatientCase.Builder shrinkageNeeded() {
        return PatientCase.builder().id("v2-out").age(60).ecog(1).primarySite(PrimarySite.PANCREAS)
            .primaryStatus(PrimaryStatus.RESECTED).differentiation(Differentiation.WELL).ki67Percent(8.0).liverLesionCount(15)
            .largestLesionCm(4.0).bilobar(true).liverTumorBurdenPercent(60.0).extrahepaticDisease(false).childPugh(ChildPugh.A)
            .sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.PROGRESSIVE).symptomatic(true)
            .creatinineClearanceMlMin(90.0).priorTherapy(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION);
    }

    private static List<Therapy> recommended(Assessment a) {
        return a.recommendations().stream().filter(r -> r.strength() == Strength.RECOMMENDED).map(Recommendation::therapy).toList();
    }

    @Test
    void chemotherapyComesFirstAmongTheSystemicTherapiesWhenShrinkageIsNeededAndPrrtJustBeforeEverolimus() {
        Assessment a = ENGINE.assess(shrinkageNeeded().build());
        List<Therapy> rec = recommended(a);
        assertThat(rec).containsSubsequence(Therapy.TRANSARTERIAL_EMBOLIZATION, Therapy.CHEMOTHERAPY, Therapy.PRRT, Therapy.EVEROLIMUS,
            Therapy.SUNITINIB);
        assertThat(rec.indexOf(Therapy.PRRT)).isEqualTo(rec.indexOf(Therapy.EVEROLIMUS) - 1);
        assertThat(a.recommendations()).extracting(Recommendation::strength)
            .isSortedAccordingTo(Comparator.comparingInt(s -> List.of(Strength.RECOMMENDED, Strength.CONSIDER,
                Strength.NOT_RECOMMENDED, Strength.CONTRAINDICATED).indexOf(s)));

        String chemo = a.recommendation(Therapy.CHEMOTHERAPY).orElseThrow().rationale();
        assertThat(chemo).contains(ClosingSentences.SHRINKAGE + " " + ClosingSentences.checkBeforeUse(Therapy.CHEMOTHERAPY).orElseThrow());
        assertThat(chemo.indexOf("Check before use")).isEqualTo(chemo.lastIndexOf("Check before use"));
        assertThat(a.recommendation(Therapy.PRRT).orElseThrow().rationale()).contains(ClosingSentences.PRRT_BEFORE_EVEROLIMUS)
            .endsWith("Check before use: pregnancy and breast-feeding, bone-marrow reserve, renal function.");
        assertThat(a.recommendation(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD).orElseThrow().rationale())
            .endsWith(ClosingSentences.SEVERAL_SYSTEMIC_OPTIONS);
    }

    @Test
    void withoutShrinkageNeededChemotherapyKeepsItsSectionPlace() {
        Assessment a = ENGINE.assess(shrinkageNeeded().symptomatic(false).liverTumorBurdenPercent(40.0).build());
        List<Therapy> rec = recommended(a);
        assertThat(rec).containsSubsequence(Therapy.PRRT, Therapy.EVEROLIMUS, Therapy.SUNITINIB, Therapy.CHEMOTHERAPY);
        assertThat(a.recommendation(Therapy.CHEMOTHERAPY).orElseThrow().rationale()).doesNotContain("SEQTOR");
    }

    @Test
    void aFunctionalNetGetsThePeriProceduralSentenceOnProceduresAndPrrtAfterCheckBeforeUse() {
        Assessment a = ENGINE.assess(shrinkageNeeded().functional(true).build());
        assertThat(a.recommendation(Therapy.PRRT).orElseThrow().rationale())
            .endsWith("renal function. " + ClosingSentences.FUNCTIONAL);
        assertThat(a.recommendation(Therapy.TRANSARTERIAL_EMBOLIZATION).orElseThrow().rationale()).endsWith(ClosingSentences.FUNCTIONAL);
        assertThat(a.recommendation(Therapy.EVEROLIMUS).orElseThrow().rationale()).doesNotContain("Functional tumour:");
        assertThat(ENGINE.assess(shrinkageNeeded().build()).recommendation(Therapy.TRANSARTERIAL_EMBOLIZATION).orElseThrow().rationale())
            .doesNotContain("Functional tumour:");
    }

    @Test
    void aNotOfferedDrugGetsNoClosingSentence() {
        Assessment a = ENGINE.assess(shrinkageNeeded().ecog(4).build());
        assertThat(a.recommendation(Therapy.EVEROLIMUS).orElseThrow().strength()).isEqualTo(Strength.NOT_RECOMMENDED);
        assertThat(a.recommendation(Therapy.EVEROLIMUS).orElseThrow().rationale()).doesNotContain("Check before use");
        assertThat(a.warnings()).filteredOn(w -> w.code() == WarningCode.CONFLICTING_RECOMMENDATIONS).singleElement()
            .satisfies(w -> assertThat(w.message()).contains("EVEROLIMUS would be RECOMMENDED but completely disabled (ECOG 4)")
                .contains("verify ecog"));
        assertThat(a.recommendation(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD).orElseThrow().rationale())
            .contains("a limit from performance status or organ function in force (ECOG 4)")
            .contains("a recommended option withheld by a limit or contraindication: ");
    }

    @Test
    void aCapOnConsiderIsACautionAndNoConflict() {
        // ECOG 3 caps everolimus to CONSIDER; Child-Pugh C then withholds it: CONSIDER meeting NOT_RECOMMENDED is no conflict
        Assessment a = ENGINE.assess(shrinkageNeeded().ecog(3).childPugh(ChildPugh.C).liverTumorBurdenPercent(80.0).build());
        Recommendation eve = a.recommendation(Therapy.EVEROLIMUS).orElseThrow();
        assertThat(eve.strength()).isEqualTo(Strength.NOT_RECOMMENDED);
        assertThat(eve.opinions()).extracting(o -> o.strength()).contains(Strength.CONSIDER).doesNotContain(Strength.RECOMMENDED);
        assertThat(eve.opinions()).anySatisfy(o -> assertThat(o.rationale()).contains("Caution: ECOG 3 is outside the trial populations"));
        assertThat(a.hasWarning(WarningCode.CONFLICTING_RECOMMENDATIONS)).isFalse();
        assertThat(a.hasWarning(WarningCode.LIVER_DYSFUNCTION_UNEXPLAINED)).as("burden above 50 % explains it").isFalse();
    }

    @Test
    void liverDysfunctionWithLowTumourLoadIsWarnedOnce() {
        Assessment a = ENGINE.assess(shrinkageNeeded().childPugh(ChildPugh.B).liverTumorBurdenPercent(30.0).build());
        assertThat(a.warnings()).filteredOn(w -> w.code() == WarningCode.LIVER_DYSFUNCTION_UNEXPLAINED).singleElement()
            .satisfies(w -> assertThat(w.message()).contains("work up other causes"));
    }

    @Test
    void theTumourBoardIsToldWhatTransplantAssessmentNeeds() {
        PatientCase milan = PatientCase.builder().id("milan").age(55).primarySite(PrimarySite.SMALL_INTESTINE)
            .primaryStatus(PrimaryStatus.RESECTED).differentiation(Differentiation.WELL).ki67Percent(5.0).liverLesionCount(25)
            .bilobar(true).liverTumorBurdenPercent(40.0).extrahepaticDisease(false).childPugh(ChildPugh.A)
            .sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.STABLE).build();
        Assessment noEcog = ENGINE.assess(milan);
        assertThat(noEcog.recommendation(Therapy.LIVER_TRANSPLANTATION)).isEmpty();
        assertThat(noEcog.recommendation(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD).orElseThrow().rationale())
            .contains("transplant assessment needs ECOG").contains("missing data: ECOG");
        Assessment withEcog = ENGINE.assess(milan.toBuilder().ecog(1).build());
        assertThat(withEcog.recommendation(Therapy.LIVER_TRANSPLANTATION).orElseThrow().strength()).isEqualTo(Strength.CONSIDER);
        assertThat(withEcog.recommendation(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD).orElseThrow().rationale())
            .doesNotContain("transplant assessment needs ECOG");
    }
}
