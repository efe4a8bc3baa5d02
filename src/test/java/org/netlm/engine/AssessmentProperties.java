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
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.Differentiation;
import org.netlm.model.Opinion;
import org.netlm.model.PatientCase;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
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

    private static final Set<String> CLOSING_SENTENCE_KEYS = Set.of("EVEROLIMUS_LABEL", "CABOZANTINIB_LABEL", "CAPECITABINE_LABEL",
        "LUTATHERA_LABEL", "SEQTOR", "COMPETE", "ENETS_PERIOP");

    @Property
    void theGeneratorMakesOnlyValidCasesAndAssessNeverThrows(@ForAll("patients") PatientCase p) {
        assertThat(PatientValidator.check(p)).isEmpty();
        Assessment a = engine.assess(p);
        assertThat(a.patientId()).isEqualTo(p.getId());
        assertThat(a.rulesetVersion()).isEqualTo(engine.rulesetVersion());
        assertThat(a.disclaimer()).isEqualTo(Assessment.DISCLAIMER);
        assertThat(a.findings().scope()).isEqualTo(p.getDifferentiation() == Differentiation.POOR ? "NEC" : "NET");
    }

    @Property
    void exactlyOneTumourBoardReferralAndItIsRecommended(@ForAll("patients") PatientCase p) {
        Assessment a = engine.assess(p);
        assertThat(a.recommendations()).filteredOn(r -> r.therapy() == Therapy.MULTIDISCIPLINARY_TUMOR_BOARD)
            .singleElement()
            .satisfies(r -> assertThat(r.strength()).isEqualTo(Strength.RECOMMENDED));
    }

    /**
     * decision-model.md §2, Order of recommendations (V2-45): RECOMMENDED, CONSIDER, NOT_RECOMMENDED, CONTRAINDICATED,
     * each in section order (the Therapy order), except that among the RECOMMENDED chemotherapy may move ahead of the
     * other systemic therapies and PRRT sits just before everolimus when both are recommended.
     */
    @Property
    void atMostOneRecommendationPerTherapyInTheModelsOrder(@ForAll("patients") PatientCase p) {
        List<Recommendation> recs = engine.assess(p).recommendations();
        List<Therapy> therapies = recs.stream().map(Recommendation::therapy).toList();
        assertThat(therapies).doesNotHaveDuplicates();
        List<Strength> byRank = List.of(Strength.RECOMMENDED, Strength.CONSIDER, Strength.NOT_RECOMMENDED, Strength.CONTRAINDICATED);
        assertThat(recs).extracting(Recommendation::strength).isSortedAccordingTo(Comparator.comparingInt(byRank::indexOf));
        for (Strength s : byRank) {
            List<Therapy> group = recs.stream().filter(r -> r.strength() == s).map(Recommendation::therapy).toList();
            List<Therapy> fixed = s == Strength.RECOMMENDED
                ? group.stream().filter(t -> t != Therapy.CHEMOTHERAPY && t != Therapy.PRRT).toList() : group;
            assertThat(fixed).as(s + " in section order").isSortedAccordingTo(Comparator.naturalOrder());
            if (s == Strength.RECOMMENDED && group.contains(Therapy.PRRT) && group.contains(Therapy.EVEROLIMUS)) {
                assertThat(group.indexOf(Therapy.PRRT)).as("PRRT just before everolimus").isEqualTo(group.indexOf(Therapy.EVEROLIMUS) - 1);
            }
        }
    }

    @Property
    void everyRecommendationComesFromACatalogueRuleWithEvidenceFromTheRegistry(@ForAll("patients") PatientCase p) {
        for (Recommendation r : engine.assess(p).recommendations()) {
            assertThat(engine.catalog().byId(r.ruleId())).as(r.ruleId()).isPresent();
            assertThat(r.evidence()).as(r.therapy() + " by " + r.ruleId()).isNotEmpty();
            assertThat(r.evidence()).extracting(Citation::key).allMatch(engine.evidence()::contains);
            // the deciding rule's keys first; the closing sentences of the model may add their own (labels, SEQTOR, COMPETE, ENETS_PERIOP)
            List<String> keys = r.evidence().stream().map(Citation::key).toList();
            List<String> ruleKeys = engine.catalog().byId(r.ruleId()).orElseThrow().evidenceKeys();
            assertThat(keys.subList(0, ruleKeys.size())).containsExactlyElementsOf(ruleKeys);
            assertThat(keys.subList(ruleKeys.size(), keys.size())).isSubsetOf(CLOSING_SENTENCE_KEYS);
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

    /** V2-01: a conflict is an opinion RECOMMENDED after caps meeting a non-offering one; V2-03: each code once. */
    @Property
    void aWithheldRecommendationIsFlaggedWithAWarningAndEachWarningAppearsOnce(@ForAll("patients") PatientCase p) {
        Assessment a = engine.assess(p);
        boolean withheld = a.recommendations().stream().anyMatch(r -> !r.strength().isOffered()
            && r.opinions().stream().anyMatch(o -> o.strength() == Strength.RECOMMENDED));
        assertThat(a.hasWarning(WarningCode.CONFLICTING_RECOMMENDATIONS)).isEqualTo(withheld);
        assertThat(a.warnings()).extracting(Warning::code).doesNotHaveDuplicates();
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
        // V2-17: platinum-etoposide is not offered again after it failed (progression or intolerance)
        assertThat(offered).contains(Therapy.MULTIDISCIPLINARY_TUMOR_BOARD)
            .isSubsetOf(Therapy.PLATINUM_ETOPOSIDE, Therapy.MULTIDISCIPLINARY_TUMOR_BOARD);
        assertThat(offered.contains(Therapy.PLATINUM_ETOPOSIDE)).isEqualTo(!p.failed(Therapy.PLATINUM_ETOPOSIDE));
        assertThat(a.hasWarning(WarningCode.NEC_OUT_OF_SCOPE)).isTrue();
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
        assertThat(a.criteria()).extracting(Criterion::getCode)
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrder(CriterionCode.values());
    }
}
