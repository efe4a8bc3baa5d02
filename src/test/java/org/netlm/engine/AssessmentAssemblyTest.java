package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.netlm.model.Assessment;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
import org.netlm.model.Differentiation;
import org.netlm.model.Findings;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.Resectability;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.TumorBurden;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.model.fact.GradeFinding;
import org.netlm.testing.Patients;
import org.netlm.validation.InvalidPatientException;

/** How {@code assess} turns the facts of a finished session into an Assessment. */
class AssessmentAssemblyTest {
    private final NetlmEngine engine = NetlmEngine.withDefaultRules();

    @Test
    void theFindingsAreTakenFromTheFindingFactsOfTheSession() {
        Assessment a = engine.assess(Patients.resectableG2("f-1"));
        assertThat(a.findings()).isEqualTo(new Findings("NET", Grade.G2, GradeFinding.Source.DERIVED, LiverMetastasisType.TYPE_I,
            true, Resectability.RESECTABLE, TumorBurden.LOW, true));
        assertThat(a.patientId()).isEqualTo("f-1");
        assertThat(a.strengthOf(Therapy.RADICAL_RESECTION)).contains(Strength.RECOMMENDED);
        assertThat(a.recommendation(Therapy.RADICAL_RESECTION).orElseThrow().rationale())
            .startsWith("G2 pancreatic NET, type I liver metastases, low burden, stable, SSTR-positive, prior SOMATOSTATIN_ANALOGUE (stable): ");
    }

    @Test
    void reportedValuesAreMarkedAsReportedAndUnknownOnesAreLeftEmpty() {
        PatientCase reported = Patients.resectableG2("f-2").toBuilder().grade(Grade.G3).liverMetastasisType(LiverMetastasisType.TYPE_II)
            .liverTumorBurdenPercent(null).ecog(3).build();
        Findings f = engine.assess(reported).findings();
        assertThat(f.grade()).as("a reported grade higher than the measured one is the finding").isEqualTo(Grade.G3);
        assertThat(f.gradeSource()).isEqualTo(GradeFinding.Source.REPORTED);
        assertThat(f.liverMetastasisType()).isEqualTo(LiverMetastasisType.TYPE_II);
        assertThat(f.liverTypeDerived()).isFalse();
        assertThat(f.tumorBurden()).isNull();
        assertThat(f.fitForSurgery()).isFalse();

        Findings none = engine.assess(Patients.minimal("f-3")).findings();
        assertThat(none).isEqualTo(new Findings("NET", null, GradeFinding.Source.UNKNOWN, null, null, Resectability.UNKNOWN, null, true));
    }

    @Test
    void aCarcinomaIsInScopeNec() {
        Assessment a = engine.assess(Patients.minimal("nec").toBuilder().differentiation(Differentiation.POOR).build());
        assertThat(a.findings().scope()).isEqualTo("NEC");
        assertThat(a.strengthOf(Therapy.PLATINUM_ETOPOSIDE)).contains(Strength.RECOMMENDED);
    }

    @Test
    void criteriaAndWarningsAreInCodeOrderAndEachWarningAppearsOnce() {
        Assessment a = engine.assess(Patients.minimal("w-1").toBuilder().liverLesionCount(3).build());
        assertThat(a.criteria()).isSortedAccordingTo(Comparator.comparing(Criterion::getCode));
        assertThat(a.warnings()).extracting(Warning::code).isSorted().doesNotHaveDuplicates()
            .contains(WarningCode.GRADE_UNKNOWN, WarningCode.LIVER_TYPE_UNKNOWN, WarningCode.FITNESS_UNKNOWN,
                WarningCode.SSTR_STATUS_UNKNOWN, WarningCode.DISEASE_STATUS_UNKNOWN, WarningCode.EXTRAHEPATIC_UNKNOWN);
        assertThat(a.warnings()).allSatisfy(w -> assertThat(w.message()).isNotBlank());
        assertThat(a.criterion(CriterionCode.NET)).map(Criterion::getState).contains(CriterionState.MET);
        assertThat(a.firedRules()).contains("CLASS-CRIT-NET", "PROC-MDT-01");
    }

    @Test
    void aRecommendationWithheldByAContraindicationRaisesOneWarningNamingTherapyReasonAndField() {
        // progressive type III disease asks for TACE; main portal vein thrombosis contraindicates it
        Assessment a = engine.assess(Patients.resectableG2("c").toBuilder().portalVeinThrombosis(true)
            .liverMetastasisType(LiverMetastasisType.TYPE_III).liverLesionCount(20).bilobar(true).resectable(false)
            .diseaseStatus(org.netlm.model.DiseaseStatus.PROGRESSIVE).build());
        assertThat(a.strengthOf(Therapy.TRANSARTERIAL_EMBOLIZATION)).contains(Strength.CONTRAINDICATED);
        assertThat(a.warnings()).filteredOn(w -> w.code() == WarningCode.CONFLICTING_RECOMMENDATIONS).singleElement()
            .satisfies(w -> assertThat(w.message()).startsWith("TRANSARTERIAL_EMBOLIZATION would be RECOMMENDED but main portal vein thrombosis")
                .endsWith(": verify portalVeinThrombosis."));
        assertThat(a.recommendation(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD).orElseThrow().rationale())
            .contains("a recommended option withheld by a limit or contraindication: TRANSARTERIAL_EMBOLIZATION");
    }

    @Test
    void anInvalidCaseIsRejectedBeforeAnyRuleRuns() {
        InvalidPatientException e = catchThrowableOfType(InvalidPatientException.class,
            () -> engine.assess(Patients.minimal("bad").toBuilder().ki67Percent(140.0).build()));
        assertThat(e.getFields()).containsExactly("ki67Percent");
        assertThat(e.getPatientId()).isEqualTo("bad");
    }
}
