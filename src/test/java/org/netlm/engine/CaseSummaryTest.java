package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Findings;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.model.TumorBurden;

/** The phrase in front of every rationale: the facts a clinician wants to see first. */
class CaseSummaryTest {
    private static final Findings NOTHING = new Findings("NET", null, null, null, null, null, null, null);

    private static PatientCase net(PrimarySite site) {
        return PatientCase.builder().id("s").primarySite(site).differentiation(Differentiation.WELL).build();
    }

    @ParameterizedTest
    @CsvSource({"PANCREAS, pancreatic", "SMALL_INTESTINE, small-intestinal", "APPENDIX, appendiceal", "COLON, colonic",
        "RECTUM, rectal", "STOMACH, gastric", "DUODENUM, duodenal", "UNKNOWN, unknown-primary"})
    void everyPrimarySiteHasItsAdjective(PrimarySite site, String adjective) {
        assertThat(CaseSummary.of(net(site), NOTHING)).isEqualTo(adjective + " NET");
    }

    @Test
    void aFullyKnownNetIsSummarisedInOnePhrase() {
        PatientCase p = net(PrimarySite.PANCREAS).toBuilder().diseaseStatus(DiseaseStatus.PROGRESSIVE)
            .sstrStatus(SstrStatus.POSITIVE).extrahepaticDisease(true).build();
        Findings f = new Findings("NET", Grade.G2, null, LiverMetastasisType.TYPE_III, false, null, TumorBurden.HIGH, true);
        assertThat(CaseSummary.of(p, f))
            .isEqualTo("G2 pancreatic NET, type III liver metastases, high burden, progressive, SSTR-positive, extrahepatic disease");
    }

    @Test
    void stableAndSstrNegativeAreSaidAndUnknownsLeftOut() {
        PatientCase p = net(PrimarySite.SMALL_INTESTINE).toBuilder().diseaseStatus(DiseaseStatus.STABLE)
            .sstrStatus(SstrStatus.NEGATIVE).extrahepaticDisease(false).build();
        Findings f = new Findings("NET", Grade.G1, null, LiverMetastasisType.TYPE_I, false, null, TumorBurden.LOW, true);
        assertThat(CaseSummary.of(p, f)).isEqualTo("G1 small-intestinal NET, type I liver metastases, low burden, stable, SSTR-negative");
        PatientCase unknowns = net(PrimarySite.COLON).toBuilder().diseaseStatus(DiseaseStatus.UNKNOWN).sstrStatus(SstrStatus.UNKNOWN).build();
        assertThat(CaseSummary.of(unknowns, NOTHING)).isEqualTo("colonic NET");
    }

    @Test
    void extrahepaticDiseaseJudgedResectableIsSaidAndTheFlagIgnoredWithoutExtrahepaticDisease() {
        PatientCase resectable = net(PrimarySite.PANCREAS).toBuilder().extrahepaticDisease(true).extrahepaticResectable(true).build();
        assertThat(CaseSummary.of(resectable, NOTHING)).isEqualTo("pancreatic NET, extrahepatic disease judged resectable");
        PatientCase notResectable = resectable.toBuilder().extrahepaticResectable(false).build();
        assertThat(CaseSummary.of(notResectable, NOTHING)).isEqualTo("pancreatic NET, extrahepatic disease");
        PatientCase none = resectable.toBuilder().extrahepaticDisease(false).build();
        assertThat(CaseSummary.of(none, NOTHING)).isEqualTo("pancreatic NET");
    }

    @Test
    void priorTherapiesAreListedWithTheirOutcomeAndAnUnrecordedOutcomeSaidSo() {
        PatientCase p = net(PrimarySite.SMALL_INTESTINE).toBuilder()
            .priorTherapy(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION)
            .priorTherapy(Therapy.PRRT, TherapyOutcome.UNKNOWN).build();
        assertThat(CaseSummary.of(p, NOTHING))
            .isEqualTo("small-intestinal NET, prior SOMATOSTATIN_ANALOGUE (progression), PRRT (outcome not recorded)");
    }

    @Test
    void aCarcinomaIsCalledNecWithoutAGrade() {
        PatientCase p = net(PrimarySite.RECTUM).toBuilder().differentiation(Differentiation.POOR).build();
        Findings f = new Findings("NEC", Grade.G3, null, LiverMetastasisType.TYPE_II, true, null, TumorBurden.MODERATE, true);
        assertThat(CaseSummary.of(p, f)).isEqualTo("rectal NEC, type II liver metastases, moderate burden");
    }
}
