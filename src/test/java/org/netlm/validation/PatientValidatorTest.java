package org.netlm.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.testing.Patients;

/** The ranges and required fields of interface.md, checked in Java before any rule runs. */
class PatientValidatorTest {

    private static PatientCase valid() {
        return Patients.resectableG2("v-1");
    }

    private static PatientCase withInt(BiFunction<PatientCase.Builder, Integer, PatientCase.Builder> set, int value) {
        return set.apply(valid().toBuilder(), value).build();
    }

    private static PatientCase withDouble(BiFunction<PatientCase.Builder, Double, PatientCase.Builder> set, double value) {
        return set.apply(valid().toBuilder(), value).build();
    }

    static Stream<Arguments> integerRanges() {
        return Stream.of(
            Arguments.of("age", (BiFunction<PatientCase.Builder, Integer, PatientCase.Builder>) PatientCase.Builder::age, 0, 120, -1, 121,
                "must be between 0 and 120"),
            Arguments.of("ecog", (BiFunction<PatientCase.Builder, Integer, PatientCase.Builder>) PatientCase.Builder::ecog, 0, 4, -1, 5,
                "must be between 0 and 4"),
            Arguments.of("liverLesionCount", (BiFunction<PatientCase.Builder, Integer, PatientCase.Builder>) PatientCase.Builder::liverLesionCount,
                1, Integer.MAX_VALUE, 0, null, "must be at least 1"));
    }

    static Stream<Arguments> numberRanges() {
        return Stream.of(
            Arguments.of("ki67Percent", (BiFunction<PatientCase.Builder, Double, PatientCase.Builder>) PatientCase.Builder::ki67Percent,
                0.0, 100.0, -0.01, 100.01, "must be between 0 and 100"),
            Arguments.of("mitosesPer2mm2", (BiFunction<PatientCase.Builder, Double, PatientCase.Builder>) PatientCase.Builder::mitosesPer2mm2,
                0.0, 1e6, -0.01, null, "must be a number of at least 0"),
            Arguments.of("largestLesionCm", (BiFunction<PatientCase.Builder, Double, PatientCase.Builder>) PatientCase.Builder::largestLesionCm,
                0.1, 1e3, 0.0, null, "must be a number greater than 0"),
            Arguments.of("liverTumorBurdenPercent",
                (BiFunction<PatientCase.Builder, Double, PatientCase.Builder>) PatientCase.Builder::liverTumorBurdenPercent,
                0.0, 100.0, -0.01, 100.01, "must be between 0 and 100"),
            Arguments.of("futureLiverRemnantPercent",
                (BiFunction<PatientCase.Builder, Double, PatientCase.Builder>) PatientCase.Builder::futureLiverRemnantPercent,
                0.0, 100.0, -0.01, 100.01, "must be between 0 and 100"),
            Arguments.of("creatinineClearanceMlMin",
                (BiFunction<PatientCase.Builder, Double, PatientCase.Builder>) PatientCase.Builder::creatinineClearanceMlMin,
                0.0, 1e4, -0.01, null, "must be a number of at least 0"));
    }

    @ParameterizedTest(name = "{0}: {2} and {3} accepted, {4} and {5} rejected")
    @MethodSource("integerRanges")
    void wholeNumberFieldsAcceptTheirBoundsAndRejectValuesJustOutside(String field,
            BiFunction<PatientCase.Builder, Integer, PatientCase.Builder> set, int min, int max, Integer below, Integer above, String reason) {
        assertThat(PatientValidator.check(withInt(set, min))).isEmpty();
        assertThat(PatientValidator.check(withInt(set, max))).isEmpty();
        assertThat(PatientValidator.check(withInt(set, below))).containsExactly(new Violation(field, String.valueOf(below), reason));
        if (above != null) {
            assertThat(PatientValidator.check(withInt(set, above))).containsExactly(new Violation(field, String.valueOf(above), reason));
        }
        assertThat(PatientValidator.check(withInt(set, Integer.MIN_VALUE))).extracting(Violation::field).containsExactly(field);
    }

    @ParameterizedTest(name = "{0}: {2} and {3} accepted, {4} and {5} rejected")
    @MethodSource("numberRanges")
    void numberFieldsAcceptTheirBoundsAndRejectValuesJustOutside(String field,
            BiFunction<PatientCase.Builder, Double, PatientCase.Builder> set, double min, double max, Double below, Double above, String reason) {
        assertThat(PatientValidator.check(withDouble(set, min))).isEmpty();
        assertThat(PatientValidator.check(withDouble(set, max))).isEmpty();
        assertThat(PatientValidator.check(withDouble(set, below))).containsExactly(new Violation(field, String.valueOf(below), reason));
        if (above != null) {
            assertThat(PatientValidator.check(withDouble(set, above))).containsExactly(new Violation(field, String.valueOf(above), reason));
        }
        assertThat(PatientValidator.check(withDouble(set, -1e300))).extracting(Violation::field).containsExactly(field);
    }

    @ParameterizedTest(name = "{0}: NaN and infinities are rejected")
    @MethodSource("numberRanges")
    void notANumberAndInfinityAreRejectedInEveryNumberField(String field,
            BiFunction<PatientCase.Builder, Double, PatientCase.Builder> set) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThat(PatientValidator.check(withDouble(set, bad)))
                .as(field + " = " + bad)
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.value()).isEqualTo(String.valueOf(bad));
                });
        }
    }

    @Test
    void theExactBoundariesOfInterfaceMdAreAllAcceptedTogether() {
        PatientCase edges = valid().toBuilder().age(0).ecog(4).ki67Percent(100.0).mitosesPer2mm2(0.0).liverLesionCount(1)
            .largestLesionCm(0.1).liverTumorBurdenPercent(0.0).futureLiverRemnantPercent(100.0).creatinineClearanceMlMin(0.0).build();
        PatientCase otherEdges = valid().toBuilder().age(120).ecog(0).ki67Percent(0.0).liverTumorBurdenPercent(100.0)
            .futureLiverRemnantPercent(0.0).build();
        assertThat(PatientValidator.check(edges)).isEmpty();
        assertThat(PatientValidator.check(otherEdges)).isEmpty();
        assertThat(NetlmEngine.withDefaultRules().assess(edges).patientId()).isEqualTo("v-1");
    }

    @Test
    void aCaseWithOnlyTheRequiredFieldsIsValid() {
        assertThat(PatientValidator.check(Patients.minimal("m"))).isEmpty();
    }

    @Test
    void missingRequiredFieldsAreAllReportedAtOnce() {
        PatientCase empty = PatientCase.builder().build();
        assertThat(PatientValidator.check(empty)).containsExactly(
            new Violation("id", null, "is required"),
            new Violation("primarySite", null, "is required"),
            new Violation("differentiation", null, "is required"));
    }

    @Test
    void aBlankIdIsRejectedWithItsValue() {
        assertThat(PatientValidator.check(valid().toBuilder().id(" \t").build()))
            .containsExactly(new Violation("id", "\" \t\"", "must not be blank"));
        assertThat(PatientValidator.check(valid().toBuilder().id("").build())).extracting(Violation::field).containsExactly("id");
    }

    @Test
    void anIdOfAtMostTwoHundredCharactersIsAcceptedAndALongerOneRejectedWithoutEchoingIt() {
        String max = "x".repeat(PatientValidator.MAX_ID_LENGTH);
        assertThat(PatientValidator.check(valid().toBuilder().id(max).build())).isEmpty();
        assertThat(PatientValidator.check(valid().toBuilder().id(max + "y").build()))
            .containsExactly(new Violation("id", "(201 characters)", "must be at most 200 characters"));
    }

    @Test
    void fiftyPriorTherapiesAreAcceptedAndFiftyOneRejected() {
        List<PriorTherapy> fifty = Collections.nCopies(PatientValidator.MAX_PRIOR_THERAPIES,
            PriorTherapy.of(Therapy.PRRT, TherapyOutcome.STABLE));
        assertThat(PatientValidator.check(valid().toBuilder().priorTherapies(fifty).build())).isEmpty();
        List<PriorTherapy> more = new ArrayList<>(fifty);
        more.add(PriorTherapy.of(Therapy.PRRT, TherapyOutcome.STABLE));
        assertThat(PatientValidator.check(valid().toBuilder().priorTherapies(more).build()))
            .containsExactly(new Violation("priorTherapies", "(51 entries)", "must have at most 50 entries"));
    }

    @Test
    void incompletePriorTherapyEntriesAreEachNamed() {
        List<PriorTherapy> prior = new ArrayList<>();
        prior.add(PriorTherapy.of(Therapy.PRRT, TherapyOutcome.STABLE));
        prior.add(null);
        prior.add(new PriorTherapy(null, TherapyOutcome.PROGRESSION));
        prior.add(new PriorTherapy(Therapy.EVEROLIMUS, null));
        prior.add(new PriorTherapy(null, null));
        assertThat(PatientValidator.check(valid().toBuilder().priorTherapies(prior).build()))
            .extracting(Violation::field)
            .containsExactly("priorTherapies[1]", "priorTherapies[2].therapy", "priorTherapies[3].outcome",
                "priorTherapies[4].therapy", "priorTherapies[4].outcome");
    }

    @Test
    void aMissingCaseIsOneViolationNotANullPointerException() {
        assertThat(PatientValidator.check(null)).containsExactly(new Violation("patient", null, "is missing"));
        InvalidPatientException e = catchThrowableOfType(InvalidPatientException.class, () -> PatientValidator.requireValid(null));
        assertThat(e.getPatientId()).isNull();
        assertThat(e.getFields()).containsExactly("patient");
    }

    @Test
    void everyBadValueIsReportedTogetherInOneException() {
        PatientCase bad = PatientCase.builder().id(" ").age(121).ecog(-1).ki67Percent(Double.NaN).mitosesPer2mm2(-2.0)
            .liverLesionCount(0).largestLesionCm(0.0).liverTumorBurdenPercent(100.5).futureLiverRemnantPercent(-1.0)
            .creatinineClearanceMlMin(Double.NEGATIVE_INFINITY).build();
        InvalidPatientException e = catchThrowableOfType(InvalidPatientException.class,
            () -> NetlmEngine.withDefaultRules().assess(bad));
        assertThat(e).isNotNull();
        assertThat(e.getFields()).containsExactly("id", "primarySite", "differentiation", "age", "ecog", "ki67Percent",
            "mitosesPer2mm2", "liverLesionCount", "largestLesionCm", "liverTumorBurdenPercent", "futureLiverRemnantPercent",
            "creatinineClearanceMlMin");
        assertThat(e.getPatientId()).isEqualTo(" ");
        assertThat(e.getMessage())
            .startsWith("Invalid patient ' ': id = \" \": must not be blank; primarySite: is required; ")
            .contains("age = 121: must be between 0 and 120", "ki67Percent = NaN: must be between 0 and 100",
                "creatinineClearanceMlMin = -Infinity: must be a number of at least 0");
    }

    @Test
    void requireValidPassesAValidCaseSilently() {
        PatientValidator.requireValid(valid());
        assertThat(PatientValidator.check(valid())).isEmpty();
    }

    @Test
    void theExceptionListsCannotBeChanged() {
        List<Violation> vs = new ArrayList<>(List.of(new Violation("age", "200", "must be between 0 and 120")));
        InvalidPatientException e = new InvalidPatientException(null, vs);
        vs.clear();
        assertThat(e.getViolations()).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("Invalid patient: age = 200: must be between 0 and 120");
        assertThat(new Violation("id", null, "is required").describe()).isEqualTo("id: is required");
    }
}
