package org.netlm.model;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netlm.model.fact.GradeFinding;

/**
 * The derived findings of one assessment. Values are {@code null} when they could not be derived.
 *
 * @param scope              "NET" or "NEC"
 * @param grade              reported or derived grade
 * @param gradeSource        REPORTED, DERIVED or UNKNOWN
 * @param liverMetastasisType reported or derived type
 * @param liverTypeDerived   true when the type was derived from lesion data
 * @param resectability      derived resectability
 * @param tumorBurden        tumour-burden class
 * @param fitForSurgery      fit for major liver surgery (absent data count as fit)
 */
public record Findings(String scope, Grade grade, GradeFinding.Source gradeSource,
                       LiverMetastasisType liverMetastasisType, Boolean liverTypeDerived,
                       Resectability resectability, TumorBurden tumorBurden, Boolean fitForSurgery) {

    /**
     * The names of the findings in output order: the record's components, which are also the keys {@link #asMap()}
     * can hold (the column names of the CSV output).
     */
    public static final List<String> NAMES = Arrays.stream(Findings.class.getRecordComponents())
        .map(RecordComponent::getName).toList();

    /** {@return the findings by their JSON name, values as strings, absent ones left out (used by scenarios and JSON)} */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "scope", scope);
        put(m, "grade", grade);
        put(m, "gradeSource", gradeSource);
        put(m, "liverMetastasisType", liverMetastasisType);
        put(m, "liverTypeDerived", liverTypeDerived);
        put(m, "resectability", resectability);
        put(m, "tumorBurden", tumorBurden);
        put(m, "fitForSurgery", fitForSurgery);
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
