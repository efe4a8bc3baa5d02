package org.netlm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netlm.model.ChildPugh;
import org.netlm.model.Differentiation;
import org.netlm.model.DiseaseStatus;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PrimarySite;
import org.netlm.model.PrimaryStatus;
import org.netlm.model.PriorTherapy;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.validation.PatientValidator;

/** The generator behind the property tests reaches every field, every enum value, absent data and the boundaries. */
class PatientsGeneratorTest {
    private static List<PatientCase> sample;

    @BeforeAll
    static void draw() {
        sample = Patients.valid().sampleStream().limit(3_000).toList();
    }

    private static <T> List<T> values(Function<PatientCase, T> field) {
        return sample.stream().map(field).toList();
    }

    @Test
    void everyEnumValueOfEveryEnumFieldIsGenerated() {
        assertThat(values(PatientCase::getPrimarySite)).contains(PrimarySite.values()).doesNotContainNull();
        assertThat(values(PatientCase::getDifferentiation)).contains(Differentiation.values()).doesNotContainNull();
        assertThat(values(PatientCase::getPrimaryStatus)).contains(PrimaryStatus.values()).containsNull();
        assertThat(values(PatientCase::getGrade)).contains(Grade.values()).containsNull();
        assertThat(values(PatientCase::getLiverMetastasisType)).contains(LiverMetastasisType.values()).containsNull();
        assertThat(values(PatientCase::getChildPugh)).contains(ChildPugh.values()).containsNull();
        assertThat(values(PatientCase::getSstrStatus)).contains(SstrStatus.values()).containsNull();
        assertThat(values(PatientCase::getDiseaseStatus)).contains(DiseaseStatus.values()).containsNull();
        List<PriorTherapy> prior = sample.stream().map(PatientCase::priorTherapiesOrEmpty)
            .flatMap(List::stream).toList();
        assertThat(prior.stream().map(PriorTherapy::getTherapy)).contains(Therapy.values());
        assertThat(prior.stream().map(PriorTherapy::getOutcome)).contains(TherapyOutcome.values());
    }

    @Test
    void everyFlagIsTrueFalseAndAbsent() {
        for (Function<PatientCase, Boolean> flag : List.<Function<PatientCase, Boolean>>of(PatientCase::getPrimaryResectable,
                PatientCase::getFunctional, PatientCase::getBilobar, PatientCase::getExtrahepaticDisease, PatientCase::getExtrahepaticResectable, PatientCase::getResectable,
                PatientCase::getPortalVeinThrombosis, PatientCase::getBiliaryEntericAnastomosis, PatientCase::getSymptomatic)) {
            assertThat(values(flag)).contains(true, false).containsNull();
        }
    }

    @Test
    void theBoundariesOfInterfaceMdAndTheDecisionModelAreGenerated() {
        assertThat(values(PatientCase::getAge)).contains(0, 120).containsNull();
        assertThat(values(PatientCase::getEcog)).contains(0, 1, 2, 3, 4).containsNull();
        assertThat(values(PatientCase::getKi67Percent)).contains(0.0, 100.0, 3.0, 2.9, 10.0, 10.1, 20.0, 20.1, 55.0, 55.1).containsNull();
        assertThat(values(PatientCase::getMitosesPer2mm2)).contains(0.0, 2.0, 1.9, 20.0, 20.1).containsNull();
        assertThat(values(PatientCase::getLiverLesionCount)).contains(1, 2, 5, 6, 10, 11).containsNull();
        assertThat(values(PatientCase::getLargestLesionCm)).contains(0.1, 3.0, 3.1, 5.0, 5.1).containsNull();
        assertThat(values(PatientCase::getLiverTumorBurdenPercent)).contains(0.0, 25.0, 24.9, 50.0, 50.1, 75.0, 75.1, 100.0).containsNull();
        assertThat(values(PatientCase::getFutureLiverRemnantPercent)).contains(29.9, 30.0).containsNull();
        assertThat(values(PatientCase::getCreatinineClearanceMlMin)).contains(0.0, 39.9, 40.0).containsNull();
        assertThat(values(PatientCase::getPriorTherapies)).containsNull().anyMatch(l -> l != null && l.isEmpty())
            .anyMatch(l -> l != null && l.size() >= 3);
    }

    @Test
    void everyGeneratedCaseIsValidAndIdsVary() {
        assertThat(sample).allMatch(p -> PatientValidator.check(p).isEmpty());
        assertThat(sample.stream().map(PatientCase::getId).filter(Objects::nonNull).distinct().count()).isGreaterThan(2_000);
    }

    @Test
    void unfitAndCarcinomaGeneratorsGiveWhatTheySay() {
        assertThat(Patients.unfit().sampleStream().limit(500))
            .allMatch(p -> (p.getEcog() != null && p.getEcog() >= 3) || p.getChildPugh() == ChildPugh.B || p.getChildPugh() == ChildPugh.C);
        assertThat(Patients.nec().sampleStream().limit(100)).allMatch(p -> p.getDifferentiation() == Differentiation.POOR);
    }
}
