package org.netlm.model.fact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.TumorBurden;

class TumourBoardTest {
    private static final LiverTypeFinding TYPE_II = LiverTypeFinding.derived(LiverMetastasisType.TYPE_II);
    private static final TumorBurdenFinding MODERATE = new TumorBurdenFinding(TumorBurden.MODERATE);

    private static PatientCase.Builder patient(Differentiation d) {
        return PatientCase.builder().id("tb").primarySite(PrimarySite.PANCREAS).differentiation(d).ki67Percent(70.0)
            .ecog(1).childPugh(ChildPugh.A).extrahepaticDisease(true).diseaseStatus(DiseaseStatus.PROGRESSIVE);
    }

    @Test
    void aG3NetIsNamedAsAReasonAndMissingSstrStatusIsListed() {
        String r = TumourBoard.rationale(patient(Differentiation.WELL).build(), GradeFinding.derived(Grade.G3), TYPE_II, MODERATE);
        assertThat(r).contains("G3 NET (management controversial)").contains("missing data: SSTR status")
            .doesNotContain("neuroendocrine carcinoma");
    }

    @Test
    void aNecWithKi67Of70IsNotCalledAG3NetAndNeedsNoSstrStatus() {
        String r = TumourBoard.rationale(patient(Differentiation.POOR).build(), GradeFinding.derived(Grade.G3), TYPE_II, MODERATE);
        assertThat(r).contains("neuroendocrine carcinoma outside the NET pathway").contains("type II liver metastases")
            .doesNotContain("G3 NET").doesNotContain("SSTR status");
    }

    @Test
    void aNecStillListsMissingDiseaseStatus() {
        String r = TumourBoard.rationale(patient(Differentiation.POOR).diseaseStatus(null).build(),
            GradeFinding.derived(Grade.G3), TYPE_II, MODERATE);
        assertThat(r).contains("missing data:").contains("disease status");
    }
}
