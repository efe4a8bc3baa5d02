package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.Citation;
import org.netlm.model.Opinion;
import org.netlm.model.PatientCase;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.testing.Patients;
import org.netlm.validation.PatientValidator;

/**
 * What holds for every valid patient, whatever the data: generated cases cover every field, every enum
 * value, absent fields and the thresholds of the decision model.
 */
class AssessmentProperties {
    private static final Set<Therapy> SURGERY = EnumSet.of(Therapy.RADICAL_RESECTION, Therapy.RESECTION_WITH_ABLATION,
        Therapy.CYTOREDUCTIVE_SURGERY, Therapy.PRIMARY_TUMOR_RESECTION, Therapy.LIVER_TRANSPLANTATION);

    private final NetlmEngine engine = NetlmEngine.withDefaultRules();

    @Provide
    Arbitrary<PatientCase> patients() {
        return Patients.valid();
    }

    @Provide
    Arbitrary<PatientCase> unfitPatients() {
        return Patients.unfit();
    }

    @Provide
    Arbitrary<PatientCase> carcinomas() {
        return Patients.nec();
    }

    @Property
    void theGeneratorMakesOnlyValidCasesAndAssessNeverThrows(@ForAll("patients") PatientCase p) {
        assertThat(PatientValidator.check(p)).isEmpty();
        Assessment a = engine.assess(p);
        assertThat(a.patientId()).isEqualTo(p.getId());
        assertThat(a.rulesetVersion()).isEqualTo(engine.rulesetVersion());
        assertThat(a.disclaimer()).isEqualTo(Assessment.DISCLAIMER);
        assertThat(a.findings().scope()).isEqualTo(p.getDifferentiation() == org.netlm.model.Differentiation.POOR ? "NEC" : "NET");
    }

    @Property
    void exactlyOneTumourBoardReferralAndItIsRecommended(@ForAll("patients") PatientCase p) {
        Assessment a = engine.assess(p);
        assertThat(a.recommendations()).filteredOn(r -> r.therapy() == Therapy.MULTIDISCIPLINARY_TUMOR_BOARD)
            .singleElement()
            .satisfies(r -> assertThat(r.strength()).isEqualTo(Strength.RECOMMENDED));
    }

    @Property
    void atMostOneRecommendationPerTherapyInTherapyOrder(@ForAll("patients") PatientCase p) {
        List<Therapy> therapies = engine.assess(p).recommendations().stream().map(Recommendation::therapy).toList();
        assertThat(therapies).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Property
    void everyRecommendationComesFromACatalogueRuleWithEvidenceFromTheRegistry(@ForAll("patients") PatientCase p) {
        for (Recommendation r : engine.assess(p).recommendations()) {
            assertThat(engine.catalog().byId(r.ruleId())).as(r.ruleId()).isPresent();
            assertThat(r.evidence()).as(r.therapy() + " by " + r.ruleId()).isNotEmpty();
            assertThat(r.evidence()).extracting(Citation::key).allMatch(engine.evidence()::contains);
            assertThat(r.evidence()).extracting(Citation::key)
                .containsExactlyElementsOf(engine.catalog().byId(r.ruleId()).orElseThrow().evidenceKeys());
            assertThat(r.opinions()).extracting(Opinion::ruleId).allMatch(id -> engine.catalog().byId(id).isPresent());
            assertThat(r.rationale()).isNotBlank();
        }
    }

    @Property
    void theDecidingOpinionIsTheMostRestrictiveAndComesFirst(@ForAll("patients") PatientCase p) {
        for (Recommendation r : engine.assess(p).recommendations()) {
            assertThat(r.opinions()).isNotEmpty();
            assertThat(r.opinions().get(0).strength()).isEqualTo(r.strength());
            assertThat(r.opinions().get(0).ruleId()).isEqualTo(r.ruleId());
            int most = r.opinions().stream().mapToInt(o -> o.strength().restrictiveness()).max().orElseThrow();
            assertThat(r.strength().restrictiveness()).isEqualTo(most);
        }
    }

    @Property
    void aContraindicatedCandidateIsNeverOutranked(@ForAll("patients") PatientCase p) {
        for (Recommendation r : engine.assess(p).recommendations()) {
            if (r.opinions().stream().anyMatch(o -> o.strength() == Strength.CONTRAINDICATED)) {
                assertThat(r.strength()).as(r.therapy().toString()).isEqualTo(Strength.CONTRAINDICATED);
            }
        }
    }

    @Property
    void disagreementIsFlaggedWithAWarning(@ForAll("patients") PatientCase p) {
        Assessment a = engine.assess(p);
        boolean contested = a.recommendations().stream().anyMatch(Recommendation::isContested);
        assertThat(a.hasWarning(org.netlm.model.WarningCode.CONFLICTING_RECOMMENDATIONS)).isEqualTo(contested);
        assertThat(a.warnings()).extracting(org.netlm.model.Warning::code).doesNotHaveDuplicates();
    }

    @Property
    void noSurgeryIsRecommendedForAnUnfitPatient(@ForAll("unfitPatients") PatientCase p) {
        Assessment a = engine.assess(p);
        assertThat(a.recommendations())
            .filteredOn(r -> SURGERY.contains(r.therapy()))
            .noneMatch(r -> r.strength() == Strength.RECOMMENDED);
        assertThat(a.findings().fitForSurgery()).isFalse();
    }

    @Property
    void aCarcinomaIsOfferedOnlyPlatinumEtoposideAndTheTumourBoard(@ForAll("carcinomas") PatientCase p) {
        Assessment a = engine.assess(p);
        Set<Therapy> offered = a.recommendations().stream().filter(r -> r.strength().isOffered())
            .map(Recommendation::therapy).collect(Collectors.toSet());
        assertThat(offered).containsExactlyInAnyOrder(Therapy.PLATINUM_ETOPOSIDE, Therapy.MULTIDISCIPLINARY_TUMOR_BOARD);
        assertThat(a.hasWarning(org.netlm.model.WarningCode.NEC_OUT_OF_SCOPE)).isTrue();
    }

    @Property
    void assessingTwiceGivesEqualAssessments(@ForAll("patients") PatientCase p) {
        assertThat(engine.assess(p)).isEqualTo(engine.assess(p));
    }

    @Property
    void theOrderOfFieldsInTheJsonDoesNotMatter(@ForAll("patients") PatientCase p, @ForAll long seed) {
        var json = Patients.toJson(p);
        var shuffled = Patients.shuffled(json, new Random(seed));
        PatientCase fromJson = PatientJson.parse(json.toString());
        PatientCase fromShuffled = PatientJson.parse(shuffled.toString());
        assertThat(fromJson).as("the JSON reader reads back every field").isEqualTo(p);
        assertThat(fromShuffled).isEqualTo(p);
        assertThat(engine.assess(fromShuffled)).isEqualTo(engine.assess(fromJson)).isEqualTo(engine.assess(p));
    }

    @Property
    void assessLeavesTheInputUnchanged(@ForAll("patients") PatientCase p) {
        PatientCase before = p.toBuilder().build();
        engine.assess(p);
        assertThat(p).isEqualTo(before);
    }

    @Property
    void everyCriterionIsDecidedExactlyOnce(@ForAll("patients") PatientCase p) {
        Assessment a = engine.assess(p);
        assertThat(a.criteria()).extracting(org.netlm.model.Criterion::getCode)
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrder(org.netlm.model.CriterionCode.values());
    }
}
