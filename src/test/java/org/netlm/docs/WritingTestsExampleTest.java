package org.netlm.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.netlm.assertions.NetlmAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.CriterionCode;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.model.WarningCode;
import org.netlm.model.explanation.WhyNot;

/** The Java examples of docs/writing-tests.md: the page shows the region between the doc markers verbatim. */
class WritingTestsExampleTest {
    // doc:begin
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    static PatientCase.Builder progressiveMidgutNet() {
        return PatientCase.builder().id("midgut-17")
            .primarySite(PrimarySite.SMALL_INTESTINE).differentiation(Differentiation.WELL).ki67Percent(8.0)
            .liverLesionCount(14).bilobar(true).liverTumorBurdenPercent(35.0).extrahepaticDisease(false)
            .sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.PROGRESSIVE)
            .priorTherapy(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION);
    }

    @Test
    void progressionOnSsaGivesPrrtAndNoSunitinibOutsideThePancreas() {
        assertThat(ENGINE.assess(progressiveMidgutNet().build()))
            .recommends(Therapy.PRRT).because(CriterionCode.PRIOR_SYSTEMIC_PROGRESSION).decidedBy("SYS-14")
            .and().doesNotOffer(Therapy.SUNITINIB).becauseOf(CriterionCode.PANCREATIC_PRIMARY)
            .and().hasFinding("liverMetastasisType", "TYPE_III")
            .firedRule("SYS-14");
    }

    @Test
    void unknownSstrStatusCapsPrrtUntilImaging() {
        assertThat(ENGINE.assess(progressiveMidgutNet().sstrStatus(null).build()))
            .considers(Therapy.PRRT).couldBeRecommendedWith("sstrStatus")
            .and().recommends(Therapy.SSTR_IMAGING)
            .and().hasWarning(WarningCode.SSTR_STATUS_UNKNOWN);
    }

    @Test
    void theExplanationRecordsCanBeReadDirectly() {
        Assessment a = ENGINE.assess(progressiveMidgutNet().primarySite(PrimarySite.PANCREAS).build());
        WhyNot cabozantinib = a.whyNot(Therapy.CABOZANTINIB).orElseThrow();
        assertThat(cabozantinib.blockingEveryRule()).containsExactly(CriterionCode.PRIOR_NON_SSA_SYSTEMIC_FAILURE);
        assertThat(cabozantinib.unlockableByData()).isFalse();
    }
    // doc:end
}
