package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.Recommendation;
import org.netlm.model.SstrStatus;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.WarningCode;

/** The resolution step: caps, most restrictive wins, kept opinions, conflicts named on the tumour board. */
class ResolutionTest {
    private final NetlmEngine engine = NetlmEngine.withDefaultRules();

    private static PatientCase.Builder g3TypeTwoAfterWhipple() {
        return PatientCase.builder().id("r1").primarySite(PrimarySite.PANCREAS).primaryStatus(PrimaryStatus.RESECTED)
            .differentiation(Differentiation.WELL).ki67Percent(30.0).liverMetastasisType(LiverMetastasisType.TYPE_II)
            .resectable(false).extrahepaticDisease(false).ecog(0).childPugh(ChildPugh.A)
            .sstrStatus(SstrStatus.POSITIVE).diseaseStatus(DiseaseStatus.STABLE).biliaryEntericAnastomosis(true);
    }

    @Test
    void aCapOnATherapyThatIsOnlyConsideredStillStatesItsReason() {
        Recommendation tae = engine.assess(g3TypeTwoAfterWhipple().build())
            .recommendation(Therapy.TRANSARTERIAL_EMBOLIZATION).orElseThrow();

        assertThat(tae.strength()).isEqualTo(Strength.CONSIDER);
        assertThat(tae.ruleId()).isEqualTo("LOCAL-10");
        assertThat(tae.limits()).anyMatch(l -> l.startsWith("LOCAL-16: "));
        assertThat(tae.rationale()).contains("liver-abscess risk");
    }

    @Test
    void withoutTheAnastomosisNoCautionIsAdded() {
        Recommendation tae = engine.assess(g3TypeTwoAfterWhipple().biliaryEntericAnastomosis(false).build())
            .recommendation(Therapy.TRANSARTERIAL_EMBOLIZATION).orElseThrow();

        assertThat(tae.strength()).isEqualTo(Strength.CONSIDER);
        assertThat(tae.limits()).isEmpty();
        assertThat(tae.rationale()).doesNotContain("abscess");
    }

    @Test
    void aContraindicationOutranksAConsiderKeepsBothOpinionsAndRaisesNoConflict() {
        Assessment a = engine.assess(g3TypeTwoAfterWhipple().biliaryEntericAnastomosis(false).portalVeinThrombosis(true).build());
        Recommendation tae = a.recommendation(Therapy.TRANSARTERIAL_EMBOLIZATION).orElseThrow();

        assertThat(tae.strength()).isEqualTo(Strength.CONTRAINDICATED);
        assertThat(tae.ruleId()).isEqualTo("LOCAL-12");
        assertThat(tae.opinions()).extracting(o -> o.ruleId() + ":" + o.strength())
            .containsExactly("LOCAL-12:CONTRAINDICATED", "LOCAL-10:CONSIDER");
        assertThat(tae.rationale()).contains("Other rules disagreed").contains("LOCAL-10");
        // V2-01: only a candidate RECOMMENDED after caps that meets a withholding candidate is a conflict
        assertThat(a.hasWarning(WarningCode.CONFLICTING_RECOMMENDATIONS)).isFalse();
        assertThat(a.recommendation(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD).orElseThrow().rationale())
            .doesNotContain("withheld");
    }
}
