package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.testing.Patients;

/** The input fact is read-only: the engine never changes the caller's case, and nobody else can either. */
class InputIsNotModifiedTest {

    @Test
    void assessLeavesTheCaseEqualToADeepCopyTakenBefore() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        for (PatientCase p : Patients.valid().sampleStream().limit(100).toList()) {
            PatientCase before = p.toBuilder().build();
            engine.assess(p);
            assertThat(p).isEqualTo(before);
            assertThat(p.getPriorTherapies()).isEqualTo(before.getPriorTherapies());
        }
    }

    @Test
    void thePriorTherapiesOfACaseCannotBeChanged() {
        PatientCase p = Patients.resectableG2("p");
        NetlmEngine.withDefaultRules().assess(p);
        List<PriorTherapy> prior = p.getPriorTherapies();
        assertThatThrownBy(() -> prior.add(PriorTherapy.of(Therapy.PRRT, TherapyOutcome.PROGRESSION)))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> prior.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(prior::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.STABLE));
    }

    @Test
    void changingTheCallersListAfterBuildDoesNotChangeTheCase() {
        List<PriorTherapy> callers = new ArrayList<>();
        callers.add(PriorTherapy.of(Therapy.EVEROLIMUS, TherapyOutcome.PROGRESSION));
        PatientCase p = Patients.minimal("p").toBuilder().priorTherapies(callers).build();
        callers.add(PriorTherapy.of(Therapy.PRRT, TherapyOutcome.PROGRESSION));
        callers.set(0, PriorTherapy.of(Therapy.SUNITINIB, TherapyOutcome.RESPONSE));
        assertThat(p.getPriorTherapies()).containsExactly(PriorTherapy.of(Therapy.EVEROLIMUS, TherapyOutcome.PROGRESSION));
    }

    @Test
    void theAssessmentCannotBeChangedByItsReader() {
        var a = NetlmEngine.withDefaultRules().assess(Patients.resectableG2("p"));
        assertThatThrownBy(() -> a.recommendations().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.warnings().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.firedRules().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.criteria().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
