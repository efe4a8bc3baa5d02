package org.netlm.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;
import org.netlm.validation.InvalidPatientException;

/**
 * Generated invalid patient JSON: one or more fields set out of range, to the wrong type, to an unknown
 * enum value, removed when required, or added when unknown. The reader always answers with one
 * {@link InvalidPatientException} naming exactly the offending fields, never with another exception.
 */
class InvalidPatientProperties {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One way to spoil one field: its new value ({@code null} removes it) and the field the error must name. */
    record Corruption(String field, JsonNode value, String named) {
        @Override
        public String toString() {
            return field + (value == null ? " removed" : " = " + value);
        }
    }

    private static final List<Corruption> CORRUPTIONS = corruptions();

    private static List<Corruption> corruptions() {
        List<Corruption> c = new ArrayList<>();
        // required fields: missing, blank, wrong type, unknown value
        c.add(new Corruption("id", null, "id"));
        c.add(new Corruption("id", JSON.textNode("  "), "id"));
        c.add(new Corruption("id", JSON.textNode(""), "id"));
        c.add(new Corruption("id", JSON.numberNode(17), "id"));
        c.add(new Corruption("id", JSON.textNode("x".repeat(201)), "id"));
        for (String f : List.of("primarySite", "differentiation")) {
            c.add(new Corruption(f, null, f));
            c.add(new Corruption(f, JSON.textNode("LIVER"), f));
            c.add(new Corruption(f, JSON.numberNode(3), f));
            c.add(new Corruption(f, JSON.objectNode().put("value", "WELL"), f));
        }
        c.add(new Corruption("primarySite", JSON.textNode("pancreas"), "primarySite"));
        // whole numbers: out of range on both sides, fractional, wrong type, too large for an int
        wholeNumber(c, "age", -1, 121);
        wholeNumber(c, "ecog", -1, 5);
        wholeNumber(c, "liverLesionCount", 0, null);
        c.add(new Corruption("liverLesionCount", JSON.numberNode(-40), "liverLesionCount"));
        // numbers: out of range on both sides, wrong type
        number(c, "ki67Percent", -0.1, 100.1);
        number(c, "mitosesPer2mm2", -0.5, null);
        number(c, "largestLesionCm", 0.0, null);
        c.add(new Corruption("largestLesionCm", JSON.numberNode(-2.5), "largestLesionCm"));
        number(c, "liverTumorBurdenPercent", -1.0, 100.01);
        number(c, "futureLiverRemnantPercent", -0.01, 150.0);
        number(c, "creatinineClearanceMlMin", -10.0, null);
        for (String f : List.of("primaryResectable", "functional", "bilobar", "extrahepaticDisease", "extrahepaticResectable", "resectable",
                "portalVeinThrombosis", "biliaryEntericAnastomosis", "symptomatic")) {
            c.add(new Corruption(f, JSON.numberNode(1), f));
            c.add(new Corruption(f, JSON.textNode("yes"), f));
            c.add(new Corruption(f, JSON.textNode("true"), f));
            c.add(new Corruption(f, JSON.arrayNode().add(true), f));
        }
        for (String f : List.of("primaryStatus", "grade", "liverMetastasisType", "childPugh", "sstrStatus", "diseaseStatus")) {
            c.add(new Corruption(f, JSON.textNode("OTHER"), f));
            c.add(new Corruption(f, JSON.numberNode(2), f));
            c.add(new Corruption(f, JSON.objectNode(), f));
            c.add(new Corruption(f, JSON.booleanNode(false), f));
        }
        c.add(new Corruption("grade", JSON.textNode("g2"), "grade"));
        c.add(new Corruption("liverMetastasisType", JSON.textNode("TYPE_IV"), "liverMetastasisType"));
        // prior therapies: not a list, bad entries, too many
        c.add(new Corruption("priorTherapies", JSON.objectNode().put("therapy", "PRRT").put("outcome", "STABLE"), "priorTherapies"));
        c.add(new Corruption("priorTherapies", JSON.textNode("PRRT"), "priorTherapies"));
        c.add(new Corruption("priorTherapies", list(entry("PRRT", null)), "priorTherapies[0].outcome"));
        c.add(new Corruption("priorTherapies", list(entry(null, "STABLE")), "priorTherapies[0].therapy"));
        c.add(new Corruption("priorTherapies", list(entry("PRRT", "STABLE"), entry("LASER", "STABLE")), "priorTherapies[1].therapy"));
        c.add(new Corruption("priorTherapies", list(entry("PRRT", "STABLE"), entry("PRRT", "BETTER")), "priorTherapies[1].outcome"));
        c.add(new Corruption("priorTherapies", list(entry("PRRT", "STABLE").put("cycles", 4)), "priorTherapies[0].cycles"));
        c.add(new Corruption("priorTherapies", list(JSON.numberNode(5)), "priorTherapies[0]"));
        c.add(new Corruption("priorTherapies", list(JSON.nullNode()), "priorTherapies[0]"));
        ArrayNode tooMany = JSON.arrayNode();
        for (int i = 0; i < 51; i++) {
            tooMany.add(entry("EVEROLIMUS", "PROGRESSION"));
        }
        c.add(new Corruption("priorTherapies", tooMany, "priorTherapies"));
        // unknown fields: typos of real ones and inventions
        for (String f : List.of("ki67percent", "Age", "liverLesions", "tumourBurden", "sstr", "comment")) {
            c.add(new Corruption(f, JSON.numberNode(1), f));
        }
        return List.copyOf(c);
    }

    private static void wholeNumber(List<Corruption> c, String f, int below, Integer above) {
        c.add(new Corruption(f, JSON.numberNode(below), f));
        if (above != null) {
            c.add(new Corruption(f, JSON.numberNode(above), f));
        }
        c.add(new Corruption(f, JSON.numberNode(new BigDecimal("2.5")), f));
        c.add(new Corruption(f, JSON.textNode("2"), f));
        c.add(new Corruption(f, JSON.booleanNode(true), f));
        c.add(new Corruption(f, JSON.numberNode(new BigInteger("99999999999")), f));
        c.add(new Corruption(f, JSON.numberNode(new BigDecimal("1e999999999")), f));
    }

    private static void number(List<Corruption> c, String f, double below, Double above) {
        c.add(new Corruption(f, JSON.numberNode(below), f));
        if (above != null) {
            c.add(new Corruption(f, JSON.numberNode(above), f));
        }
        c.add(new Corruption(f, JSON.textNode("12"), f));
        c.add(new Corruption(f, JSON.objectNode().put("value", 12), f));
        c.add(new Corruption(f, JSON.booleanNode(false), f));
        c.add(new Corruption(f, JSON.numberNode(new BigDecimal("-1e400")), f));
    }

    private static ObjectNode entry(String therapy, String outcome) {
        ObjectNode e = JSON.objectNode();
        if (therapy != null) {
            e.put("therapy", therapy);
        }
        if (outcome != null) {
            e.put("outcome", outcome);
        }
        return e;
    }

    private static ArrayNode list(JsonNode... entries) {
        ArrayNode a = JSON.arrayNode();
        for (JsonNode e : entries) {
            a.add(e);
        }
        return a;
    }

    @Provide
    Arbitrary<List<Corruption>> corruptionSets() {
        return Arbitraries.of(CORRUPTIONS).list().ofMinSize(1).ofMaxSize(6).uniqueElements(Corruption::field);
    }

    @Provide
    Arbitrary<PatientCase> patients() {
        return Patients.valid();
    }

    @Property
    void spoiledFieldsAreAlwaysRejectedNamingExactlyThoseFields(@ForAll("patients") PatientCase p,
                                                                @ForAll("corruptionSets") List<Corruption> spoil) {
        ObjectNode json = Patients.toJson(p);
        for (Corruption c : spoil) {
            if (c.value() == null) {
                json.remove(c.field());
            } else {
                json.set(c.field(), c.value());
            }
        }
        Throwable t = catchThrowable(() -> PatientJson.parse(json.toString()));
        assertThat(t).as("spoiled: " + spoil).isInstanceOf(InvalidPatientException.class);
        InvalidPatientException e = (InvalidPatientException) t;
        Set<String> expected = spoil.stream().map(Corruption::named).collect(Collectors.toSet());
        assertThat(e.getFields()).as(e.getMessage()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(e.getViolations()).allSatisfy(v -> assertThat(v.reason()).isNotBlank());
    }

    @Property
    void aDuplicatedFieldIsRejectedNamingThatField(@ForAll("patients") PatientCase p, @ForAll @IntRange(min = 0, max = 30) int pick) {
        ObjectNode json = Patients.toJson(p);
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        String dup = names.get(pick % names.size());
        String text = json.toString();
        String twice = text.substring(0, text.length() - 1) + ", \"" + dup + "\": " + json.get(dup) + "}";
        Throwable t = catchThrowable(() -> PatientJson.parse(twice));
        assertThat(t).isInstanceOf(InvalidPatientException.class);
        assertThat(((InvalidPatientException) t).getFields()).containsExactly(dup);
    }

    @Property
    void aNonNumericTokenInAnyNumberFieldIsRejectedNamingThatField(@ForAll("patients") PatientCase p,
            @ForAll("numberFields") String field, @ForAll("nonNumeric") String token) {
        ObjectNode json = Patients.toJson(p);
        json.put(field, "@@TOKEN@@");
        String text = json.toString().replace("\"@@TOKEN@@\"", token);
        Throwable t = catchThrowable(() -> PatientJson.parse(text));
        assertThat(t).isInstanceOf(InvalidPatientException.class);
        assertThat(((InvalidPatientException) t).getFields()).containsExactly(field);
    }

    @Provide
    Arbitrary<String> numberFields() {
        return Arbitraries.of("age", "ecog", "ki67Percent", "mitosesPer2mm2", "liverLesionCount", "largestLesionCm",
            "liverTumorBurdenPercent", "futureLiverRemnantPercent", "creatinineClearanceMlMin");
    }

    @Provide
    Arbitrary<String> nonNumeric() {
        return Arbitraries.of("NaN", "Infinity", "-Infinity", "+Infinity", "0x10", "01", "1.", ".5", "1e", "--1");
    }
}
