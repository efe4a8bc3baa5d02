package org.netlm.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netlm.model.fact.GradeFinding;

/** The findings' one vocabulary ({@link Finding}) and their typed values. */
class FindingsTest {
    private static final Findings SOME = new Findings("NET", Grade.G2, GradeFinding.Source.DERIVED, null, false,
        Resectability.UNRESECTABLE, null, true);

    @Test
    void everyComponentOfTheRecordIsAFindingOfTheSameNameInTheSameOrder() {
        assertThat(Arrays.stream(Finding.values()).map(Finding::key))
            .containsExactlyElementsOf(Arrays.stream(Findings.class.getRecordComponents()).map(RecordComponent::getName).toList());
        assertThat(Findings.NAMES).containsExactly(Arrays.stream(Finding.values()).map(Finding::key).toArray(String[]::new));
        assertThat(Finding.forKey("liverMetastasisType")).contains(Finding.LIVER_METASTASIS_TYPE);
        assertThat(Finding.forKey("LiverMetastasisType")).isEmpty();
    }

    @Test
    void valuesAreTypedAndAbsentOnesAreLeftOut() {
        Map<Finding, Object> values = SOME.values();

        assertThat(values.keySet()).containsExactly(Finding.SCOPE, Finding.GRADE, Finding.GRADE_SOURCE, Finding.LIVER_TYPE_DERIVED,
            Finding.RESECTABILITY, Finding.FIT_FOR_SURGERY);
        assertThat(values.get(Finding.GRADE)).isEqualTo(Grade.G2);
        assertThat(values.get(Finding.LIVER_TYPE_DERIVED)).isEqualTo(Boolean.FALSE);
        assertThat(SOME.value(Finding.TUMOR_BURDEN)).isNull();
        assertThat(SOME.text(Finding.TUMOR_BURDEN)).isEmpty();
        assertThat(SOME.text(Finding.FIT_FOR_SURGERY)).contains("true");
    }

    @Test
    void theTextFormIsTheOutputsOne() {
        assertThat(SOME.asMap()).containsExactly(Map.entry("scope", "NET"), Map.entry("grade", "G2"),
            Map.entry("gradeSource", "DERIVED"), Map.entry("liverTypeDerived", "false"),
            Map.entry("resectability", "UNRESECTABLE"), Map.entry("fitForSurgery", "true"));
    }
}
