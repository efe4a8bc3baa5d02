package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlm.model.Grade;
import org.netlm.model.LiverMetastasisType;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.testing.Patients;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;

/** The strict patient-JSON reader: every problem named by its field, all at once, never another exception. */
class PatientJsonTest {
    private static final String REQUIRED = "\"id\": \"j-1\", \"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\"";

    /** A valid patient object with {@code more} (JSON members, no leading comma) added. */
    private static String patient(String more) {
        return "{" + REQUIRED + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static InvalidPatientException rejected(String json) {
        Throwable t = catchThrowable(() -> PatientJson.parse(json));
        assertThat(t).as("parsing " + (json.length() > 300 ? json.substring(0, 300) + "…" : json))
            .isInstanceOf(InvalidPatientException.class);
        return (InvalidPatientException) t;
    }

    @Test
    void aFullyDescribedPatientIsReadFieldByField() {
        PatientCase p = Patients.resectableG2("full").toBuilder().grade(Grade.G2)
            .liverMetastasisType(LiverMetastasisType.TYPE_I).extrahepaticResectable(false).build();
        assertThat(PatientJson.parse(Patients.toJson(p).toString())).isEqualTo(p);
        assertThat(Patients.toJson(p).size()).as("the fixture sets every field").isEqualTo(PatientJson.fieldNames().size());
    }

    /** The field names of the "Patient JSON (input)" table of docs/interface.md, in table order. */
    static List<String> interfaceFields() throws IOException {
        String doc = Files.readString(Path.of("docs/interface.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("## Patient JSON (input)"), doc.indexOf("## Assessment JSON (output)"));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(table);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void theReaderKnowsExactlyTheFieldsOfInterfaceMd() throws IOException {
        assertThat(interfaceFields()).as("fields of docs/interface.md").contains("id", "extrahepaticResectable", "priorTherapies");
        assertThat(PatientJson.fieldNames()).containsExactlyElementsOf(interfaceFields());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        extrahepaticResectible | extrahepaticResectable
        extraHepaticResectable | extrahepaticResectable
        extrahepaticResectabel | extrahepaticResectable
        extrahepaticDiseas     | extrahepaticDisease
        """)
    void aMisspeltFieldIsAnsweredWithTheKnownFieldItIsClosestTo(String typo, String meant) {
        InvalidPatientException e = rejected(patient("\"" + typo + "\": true"));
        assertThat(e.getViolations()).containsExactly(new Violation(typo, null, "unknown field (did you mean " + meant + "?)"));
    }

    @Test
    void theModelV2InputsAreReadAndTypeChecked() {
        PatientCase p = PatientJson.parse(patient("\"extrahepaticDisease\": true, \"extrahepaticResectable\": true, "
            + "\"priorTherapies\": [{\"therapy\": \"PRRT\", \"outcome\": \"UNKNOWN\"}]"));
        assertThat(p.getExtrahepaticResectable()).isTrue();
        assertThat(p.getPriorTherapies()).containsExactly(new PriorTherapy(Therapy.PRRT, TherapyOutcome.UNKNOWN));
        assertThat(PatientJson.parse(patient("\"extrahepaticResectable\": null")).getExtrahepaticResectable()).as("null = absent").isNull();

        InvalidPatientException e = rejected(patient("\"extrahepaticResectable\": \"yes\", "
            + "\"priorTherapies\": [{\"therapy\": \"PRRT\", \"outcome\": \"UNKNWON\"}]"));
        assertThat(e.getViolations()).containsExactlyInAnyOrder(
            new Violation("extrahepaticResectable", "\"yes\"", "must be true or false, not a string"),
            new Violation("priorTherapies[0].outcome", "\"UNKNWON\"", "must be one of PROGRESSION, STABLE, RESPONSE, INTOLERANCE, UNKNOWN"));
    }

    @Test
    void anUnknownFieldIsNamedAndTheKnownOnesListed() {
        InvalidPatientException e = rejected(patient("\"ki67percent\": 12"));
        assertThat(e.getFields()).containsExactly("ki67percent");
        assertThat(e.getViolations().get(0).reason()).startsWith("unknown field").contains("ki67Percent");
        assertThat(e.getPatientId()).isEqualTo("j-1");
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        age                      | "58"          | must be a whole number, not a string
        age                      | true          | must be a whole number, not a boolean
        ecog                     | [1]           | must be a whole number, not a list
        ki67Percent              | "12"          | must be a number, not a string
        largestLesionCm          | {"cm": 2}     | must be a number, not an object
        creatinineClearanceMlMin | false         | must be a number, not a boolean
        functional               | 1             | must be true or false, not a number
        bilobar                  | "true"        | must be true or false, not a string
        id                       | 17            | must be a string, not a number
        primarySite              | {"x": 1}      | must be one of PANCREAS, SMALL_INTESTINE, APPENDIX, COLON, RECTUM, STOMACH, DUODENUM, UNKNOWN, not an object
        grade                    | 2             | must be one of G1, G2, G3, not a number
        childPugh                | "a"           | must be one of A, B, C
        sstrStatus               | "POSITIV"     | must be one of POSITIVE, NEGATIVE, UNKNOWN
        differentiation          | "MODERATE"    | must be one of WELL, POOR
        priorTherapies           | {"therapy": "PRRT"} | must be a list of {"therapy": …, "outcome": …}, not an object
        """)
    void aValueOfTheWrongTypeOrAnUnknownEnumValueNamesExactlyThatField(String field, String json, String reason) {
        String doc = "{\"id\": \"j-1\", \"primarySite\": \"PANCREAS\", \"differentiation\": \"WELL\"}";
        ObjectNode o = (ObjectNode) readTree(doc);
        o.set(field, readTree(json));
        InvalidPatientException e = rejected(o.toString());
        assertThat(e.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.reason()).isEqualTo(reason);
        });
    }

    private static JsonNode readTree(String json) {
        try {
            return PatientJson.sharedMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aFractionalWholeNumberIsRejectedButAWholeNumberWrittenWithADecimalPointIsAccepted() {
        assertThat(rejected(patient("\"age\": 58.5")).getViolations())
            .containsExactly(new Violation("age", "58.5", "must be a whole number"));
        assertThat(rejected(patient("\"liverLesionCount\": 1.0001")).getFields()).containsExactly("liverLesionCount");
        assertThat(PatientJson.parse(patient("\"age\": 58.0")).getAge()).isEqualTo(58);
        assertThat(PatientJson.parse(patient("\"ecog\": 2.00")).getEcog()).isEqualTo(2);
        assertThat(PatientJson.parse(patient("\"liverLesionCount\": 1e1")).getLiverLesionCount()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "-2147483649", "1e10", "99999999999999999999999999999", "1e400", "1e99999",
        "1e999999", "1e999999999", "-1e999999999"})
    void aWholeNumberTooLargeForAnIntegerIsRejectedQuicklyAndNamed(String huge) {
        long start = System.nanoTime();
        InvalidPatientException e = rejected(patient("\"age\": " + huge + ", \"ecog\": 1"));
        assertThat(e.getFields()).containsExactly("age");
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e999999999"})
    void aNumberBeyondTheRangeOfADoubleIsRejectedAndNamed(String huge) {
        assertThat(rejected(patient("\"ki67Percent\": " + huge)).getFields()).containsExactly("ki67Percent");
    }

    @Test
    void theEdgeValuesOfInterfaceMdAreAcceptedFromJson() {
        PatientCase p = PatientJson.parse(patient("\"age\": 0, \"ecog\": 4, \"ki67Percent\": 100, \"mitosesPer2mm2\": 0,"
            + " \"liverLesionCount\": 1, \"largestLesionCm\": 0.1, \"liverTumorBurdenPercent\": 0,"
            + " \"futureLiverRemnantPercent\": 100, \"creatinineClearanceMlMin\": 0"));
        assertThat(p.getAge()).isZero();
        assertThat(p.getKi67Percent()).isEqualTo(100.0);
        assertThat(p.getLargestLesionCm()).isEqualTo(0.1);
        assertThat(PatientJson.parse(patient("\"age\": 120, \"ecog\": 0, \"liverTumorBurdenPercent\": 100")).getAge()).isEqualTo(120);
    }

    @Test
    void valuesOutOfRangeAreRejectedWithTheValidatorsReason() {
        InvalidPatientException e = rejected(patient("\"age\": 121, \"ki67Percent\": 140, \"largestLesionCm\": 0, \"liverLesionCount\": 0"));
        assertThat(e.getViolations()).containsExactly(
            new Violation("age", "121", "must be between 0 and 120"),
            new Violation("ki67Percent", "140.0", "must be between 0 and 100"),
            new Violation("liverLesionCount", "0", "must be at least 1"),
            new Violation("largestLesionCm", "0.0", "must be a number greater than 0"));
    }

    @Test
    void anExplicitNullIsTheSameAsAnAbsentField() {
        PatientCase withNulls = PatientJson.parse(patient("\"age\": null, \"ki67Percent\": null, \"grade\": null,"
            + " \"bilobar\": null, \"priorTherapies\": null"));
        assertThat(withNulls).isEqualTo(PatientJson.parse(patient("")));
        assertThat(withNulls.getPriorTherapies()).isNull();
    }

    @Test
    void anExplicitNullForARequiredFieldIsReportedAsMissing() {
        InvalidPatientException e = rejected("{\"id\": null, \"primarySite\": null, \"differentiation\": \"WELL\"}");
        assertThat(e.getViolations()).containsExactly(new Violation("id", null, "is required"),
            new Violation("primarySite", null, "is required"));
        assertThat(e.getPatientId()).isNull();
    }

    @Test
    void missingRequiredFieldsAndABlankIdAreAllNamed() {
        assertThat(rejected("{}").getFields()).containsExactly("id", "primarySite", "differentiation");
        assertThat(rejected("{\"id\": \"  \", \"primarySite\": \"COLON\", \"differentiation\": \"POOR\"}").getFields())
            .containsExactly("id");
    }

    @Test
    void aWrongTypeForARequiredFieldIsReportedOnceAsAWrongTypeNotAlsoAsMissing() {
        InvalidPatientException e = rejected("{\"id\": 5, \"primarySite\": 3, \"differentiation\": true}");
        assertThat(e.getFields()).containsExactly("id", "primarySite", "differentiation");
        assertThat(e.getViolations()).allSatisfy(v -> assertThat(v.reason()).contains(", not a "));
    }

    @Test
    void manyProblemsOfDifferentKindsAreReportedTogether() {
        InvalidPatientException e = rejected("{\"id\": \"many\", \"age\": \"old\", \"ecog\": 7, \"primarySite\": \"LIVER\","
            + " \"differentiation\": \"WELL\", \"ki67Percent\": -3, \"tumour\": 1, \"functional\": \"no\"}");
        assertThat(e.getFields()).containsExactlyInAnyOrder("age", "ecog", "primarySite", "ki67Percent", "tumour", "functional");
        assertThat(e.getPatientId()).isEqualTo("many");
    }

    @Test
    void aDuplicateKeyIsRejectedNamingTheField() {
        InvalidPatientException e = rejected(patient("\"age\": 58, \"ki67Percent\": 3, \"age\": 59"));
        assertThat(e.getFields()).containsExactly("age");
        assertThat(e.getViolations().get(0).reason()).contains("Duplicate field 'age'");
    }

    @Test
    void aDuplicateKeyInsideAPriorTherapyIsNamedWithItsPath() {
        InvalidPatientException e = rejected(patient(
            "\"priorTherapies\": [{\"therapy\": \"PRRT\", \"outcome\": \"STABLE\"}, {\"therapy\": \"PRRT\", \"therapy\": \"PRRT\"}]"));
        assertThat(e.getFields()).containsExactly("priorTherapies[1].therapy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity"})
    void nonNumericTokensAreRejectedNamingTheField(String token) {
        InvalidPatientException e = rejected(patient("\"ki67Percent\": " + token));
        assertThat(e.getFields()).containsExactly("ki67Percent");
    }

    @Test
    void deepNestingIsRejectedNamingTheTopLevelFieldWithoutAStackOverflow() {
        int depth = 10_000;
        String deep = patient("\"priorTherapies\": " + "[".repeat(depth) + "]".repeat(depth));
        InvalidPatientException e = rejected(deep);
        assertThat(e.getFields()).as("the path is cut after three steps").containsExactly("priorTherapies[0][0]");
        assertThat(e.getViolations().get(0).reason()).contains("nesting depth");
        assertThat(rejected(patient("\"functional\": " + "{\"a\": ".repeat(50) + "1" + "}".repeat(50))).getFields())
            .containsExactly("functional.a.a");
    }

    @Test
    void nestingWithinTheLimitIsReportedAsAWrongType() {
        InvalidPatientException e = rejected(patient("\"age\": [[[1]]]"));
        assertThat(e.getViolations()).containsExactly(new Violation("age", "[…]", "must be a whole number, not a list"));
    }

    @Test
    void anOverlongStringIsRejectedNamingTheField() {
        InvalidPatientException e = rejected(patient("\"grade\": \"" + "G".repeat(PatientJson.MAX_STRING_LENGTH + 1) + "\""));
        assertThat(e.getFields()).containsExactly("grade");
        assertThat(e.getMessage().length()).isLessThan(1_000);
    }

    @Test
    void aLongBadValueIsShortenedInTheMessage() {
        InvalidPatientException e = rejected(patient("\"grade\": \"" + "G".repeat(500) + "\""));
        assertThat(e.getViolations().get(0).value()).hasSize(58).startsWith("\"GGG").endsWith("…");
    }

    @Test
    void hugePriorTherapiesAreRejectedWithTheCountNotTheContent() {
        String entry = "{\"therapy\": \"PRRT\", \"outcome\": \"STABLE\"}";
        String fifty = String.join(", ", Collections.nCopies(50, entry));
        assertThat(PatientJson.parse(patient("\"priorTherapies\": [" + fifty + "]")).getPriorTherapies()).hasSize(50);
        String many = String.join(", ", Collections.nCopies(10_000, entry));
        InvalidPatientException e = rejected(patient("\"priorTherapies\": [" + many + "]"));
        assertThat(e.getViolations()).containsExactly(
            new Violation("priorTherapies", "(10000 entries)", "must have at most 50 entries"));
    }

    @Test
    void aDocumentLargerThanTheLimitIsRejected() {
        String filler = "\"" + "x".repeat(9_000) + "\"";
        StringBuilder sb = new StringBuilder("{" + REQUIRED + ", \"priorTherapies\": [");
        while (sb.length() <= PatientJson.MAX_DOCUMENT_LENGTH) {
            sb.append(filler).append(',');
        }
        sb.append("1]}");
        InvalidPatientException e = rejected(sb.toString());
        assertThat(e.getFields()).containsExactly("(document)");
        assertThat(e.getViolations().get(0).reason()).containsIgnoringCase("document length");
    }

    @Test
    void everyBadPriorTherapyEntryIsNamedAtOnce() {
        InvalidPatientException e = rejected(patient("\"priorTherapies\": ["
            + "{\"therapy\": \"PRRT\", \"outcome\": \"STABLE\"},"
            + "{\"therapy\": \"PRRT\"},"
            + "{\"therapy\": \"CHEMO\", \"outcome\": \"STABLE\", \"cycles\": 4},"
            + "{\"outcome\": \"RESPONSE\"},"
            + "17,"
            + "{\"therapy\": \"EVEROLIMUS\", \"outcome\": \"WORSE\"}]"));
        assertThat(e.getFields()).containsExactly("priorTherapies[1].outcome", "priorTherapies[2].cycles",
            "priorTherapies[2].therapy", "priorTherapies[3].therapy", "priorTherapies[4]", "priorTherapies[5].outcome");
        assertThat(e.getViolations()).contains(
            new Violation("priorTherapies[1].outcome", null, "is required"),
            new Violation("priorTherapies[3].therapy", null, "is required"),
            new Violation("priorTherapies[4]", "17", "must be an object with \"therapy\" and \"outcome\""),
            new Violation("priorTherapies[5].outcome", "\"WORSE\"", "must be one of PROGRESSION, STABLE, RESPONSE, INTOLERANCE, UNKNOWN"));
    }

    @Test
    void aPriorTherapyWithAnExplicitNullOutcomeIsMissingItsOutcome() {
        assertThat(rejected(patient("\"priorTherapies\": [{\"therapy\": \"PRRT\", \"outcome\": null}]")).getViolations())
            .containsExactly(new Violation("priorTherapies[0].outcome", null, "is required"));
    }

    @Test
    void validPriorTherapiesAreReadInOrder() {
        PatientCase p = PatientJson.parse(patient("\"priorTherapies\": [{\"outcome\": \"PROGRESSION\", \"therapy\": \"SOMATOSTATIN_ANALOGUE\"},"
            + " {\"therapy\": \"PRRT\", \"outcome\": \"INTOLERANCE\"}], \"age\": 40"));
        assertThat(p.getPriorTherapies()).containsExactly(
            PriorTherapy.of(Therapy.SOMATOSTATIN_ANALOGUE, TherapyOutcome.PROGRESSION),
            PriorTherapy.of(Therapy.PRRT, TherapyOutcome.INTOLERANCE));
        assertThat(PatientJson.parse(patient("\"priorTherapies\": []")).getPriorTherapies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "[{}]", "42", "\"patient\"", "null", "true"})
    void somethingOtherThanOneObjectIsRejected(String json) {
        assertThat(rejected(json).getViolations()).singleElement()
            .satisfies(v -> assertThat(v.field()).isIn("(patient)", "(document)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"id\": \"x\",}", "{\"id\": 'x'}", "{id: \"x\"}", "{} {}", "{\"id\": \"x\"} trailing"})
    void malformedJsonIsRejectedWithLineAndColumn(String json) {
        InvalidPatientException e = rejected(json);
        assertThat(e.getViolations()).hasSize(1);
        assertThat(e.getViolations().get(0).reason()).startsWith("invalid JSON: ").contains("(line 1, column ");
        assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("com.fasterxml");
    }

    @Test
    void fromTreeRejectsANonObjectValueWithItsKind() {
        assertThat(catchThrowable(() -> PatientJson.fromTree(null))).isInstanceOf(InvalidPatientException.class)
            .satisfies(t -> assertThat(((InvalidPatientException) t).getViolations())
                .containsExactly(new Violation("(patient)", null, "a patient must be a JSON object")));
        assertThat(((InvalidPatientException) catchThrowable(() -> PatientJson.fromTree(readTree("[1]")))).getViolations())
            .containsExactly(new Violation("(patient)", "a list", "a patient must be a JSON object"));
    }

    @Test
    void kindAndShowDescribeEveryJsonValue() {
        assertThat(List.of("\"a\"", "1", "1.5", "true", "[]", "{}", "null").stream().map(s -> PatientJson.kind(readTree(s))))
            .containsExactly("a string", "a number", "a number", "a boolean", "a list", "an object", "null");
        assertThat(PatientJson.show(readTree("{\"a\": 1}"))).isEqualTo("{…}");
        assertThat(PatientJson.show(readTree("[1]"))).isEqualTo("[…]");
        assertThat(PatientJson.show(readTree("\"abc\""))).isEqualTo("\"abc\"");
        assertThat(PatientJson.show(readTree("12.5"))).isEqualTo("12.5");
        assertThat(PatientJson.show(null)).isNull();
        String sixty = "x".repeat(58);
        assertThat(PatientJson.show(readTree("\"" + sixty + "\""))).isEqualTo("\"" + sixty + "\"");
        assertThat(PatientJson.show(readTree("\"" + sixty + "y\""))).hasSize(58).endsWith("…");
    }

    @Test
    void aNewMapperIsAsStrictAsTheSharedOne() throws Exception {
        var mapper = PatientJson.mapper();
        assertThat(mapper).isNotSameAs(PatientJson.sharedMapper());
        assertThat(catchThrowable(() -> mapper.readTree("{\"a\": 1, \"a\": 2}"))).hasMessageContaining("Duplicate field");
        assertThat(catchThrowable(() -> mapper.readTree("{} {}"))).hasMessageContaining("Trailing token");
        assertThat(catchThrowable(() -> mapper.readTree("[".repeat(25) + "]".repeat(25)))).hasMessageContaining("nesting depth");
        assertThat(mapper.readTree("0.1").isBigDecimal()).isTrue();
    }

    @Test
    void aSyntaxErrorInsideAnEntryOfTheListIsNamedWithItsPath() {
        assertThat(rejected(patient("\"priorTherapies\": [{\"therapy\": \"PRRT\", \"outcome\": }]")).getFields())
            .containsExactly("priorTherapies[0].outcome");
        assertThat(rejected(patient("\"priorTherapies\": [{\"therapy\": \"PRRT\"}, ]")).getFields())
            .containsExactly("priorTherapies[1]");
        assertThat(rejected("{\"id\": \"x\", }").getFields()).as("after the last field").containsExactly("(document)");
        assertThat(rejected("[1, }").getFields()).as("a list, not a patient").containsExactly("(document)");
        assertThat(rejected(patient("\"priorTherapies\": [,]")).getFields()).containsExactly("priorTherapies[0]");
        assertThat(rejected(patient("\"age\": 58 \"ecog\": 1")).getFields()).as("right after age").containsExactly("age");
        assertThat(rejected(patient("\"age\": 0x3A")).getFields()).containsExactly("age");
        assertThat(rejected(patient("\"priorTherapies\": [{\"therapy\": \"PRRT\", }]")).getFields())
            .containsExactly("priorTherapies[0]");
    }

    @Test
    void theSharedMapperIsTheStrictOne() throws Exception {
        assertThat(PatientJson.sharedMapper()).isSameAs(PatientJson.sharedMapper());
        assertThat(catchThrowable(() -> PatientJson.sharedMapper().readTree("{\"a\": 1, \"a\": 2}")))
            .hasMessageContaining("Duplicate field");
        assertThat(PatientJson.sharedMapper().readTree("0.1").decimalValue()).isEqualByComparingTo("0.1");
    }
}
