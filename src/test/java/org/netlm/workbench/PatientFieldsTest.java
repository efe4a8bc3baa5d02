package org.netlm.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlm.io.PatientJson;
import org.netlm.model.SstrStatus;
import org.netlm.model.Therapy;
import org.netlm.model.TherapyOutcome;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.PatientValidator;

/** The form's field list is the patient JSON's, with the model's types and enums and the validator's ranges. */
class PatientFieldsTest {
    @Test
    void everyPatientJsonFieldInOrderWithALabel() {
        assertThat(PatientFields.all()).extracting(PatientFields.Field::name).containsExactlyElementsOf(PatientJson.fieldNames());
        for (PatientFields.Field f : PatientFields.all()) {
            assertThat(PatientFields.label(f.name())).as(f.name() + " has a label").isNotEqualTo(f.name());
        }
    }

    @Test
    void enumsAndEntryEnumsComeFromTheModel() {
        PatientFields.Field sstr = PatientFields.all().stream().filter(f -> f.name().equals("sstrStatus")).findFirst().orElseThrow();
        assertThat(sstr.kind()).isEqualTo(PatientFields.Kind.ENUM);
        assertThat(sstr.values()).containsExactlyElementsOf(Arrays.stream(SstrStatus.values()).map(Enum::name).toList());
        JsonNode json = PatientFields.toJson();
        assertThat(json.at("/priorTherapy/therapy")).hasSize(Therapy.values().length);
        assertThat(json.at("/priorTherapy/outcome")).hasSize(TherapyOutcome.values().length);
        assertThat(PatientFields.all()).filteredOn(PatientFields.Field::required).extracting(PatientFields.Field::name)
            .containsExactlyInAnyOrderElementsOf(PatientValidator.REQUIRED_FIELDS);
    }

    static Stream<PatientValidator.Range> ranges() {
        return PatientValidator.RANGES.stream();
    }

    /** A value at the edge of each range the form shows is accepted by the reader; just outside it is refused. */
    @ParameterizedTest
    @MethodSource("ranges")
    void theRangesTheFormShowsAreTheOnesTheReaderEnforces(PatientValidator.Range r) {
        PatientFields.Field f = PatientFields.all().stream().filter(x -> x.name().equals(r.field())).findFirst().orElseThrow();
        assertThat(f.range()).isSameAs(r);
        double step = r.integer() ? 1 : 0.5;
        double inside = r.minExclusive() ? r.min() + step : r.min();
        double below = r.minExclusive() ? r.min() : r.min() - step;
        assertThat(PatientJson.fromTree(patient(r.field(), inside, r.integer()))).isNotNull();
        assertThatThrownBy(() -> PatientJson.fromTree(patient(r.field(), below, r.integer())))
            .isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.getFields()).containsExactly(r.field()))
            .hasMessageContaining(r.reason());
        if (r.max() != Double.POSITIVE_INFINITY) {
            assertThat(PatientJson.fromTree(patient(r.field(), r.max(), r.integer()))).isNotNull();
            assertThatThrownBy(() -> PatientJson.fromTree(patient(r.field(), r.max() + step, r.integer())))
                .isInstanceOf(InvalidPatientException.class);
        }
    }

    private static JsonNode patient(String field, double value, boolean integer) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("id", "r", "primarySite", "PANCREAS", "differentiation", "WELL"));
        p.put(field, integer ? (Object) (int) value : (Object) value);
        return PatientJson.sharedMapper().valueToTree(p);
    }

    @Test
    void theWorkbenchShipsItsExamples() {
        List<Examples.Example> examples = Examples.load();
        assertThat(examples).extracting(Examples.Example::key).contains("patients/progressive-pancreatic-g2.json")
            .anyMatch(k -> k.startsWith("scenarios/"));
        examples.forEach(e -> assertThat(PatientJson.fromTree(e.patient())).as(e.key()).isNotNull());
    }
}
