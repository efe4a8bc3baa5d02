package org.netlm.model;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The names of the findings in output order ({@link Finding#key()}): the column names of the CSV output. */
    public static final List<String> NAMES = Arrays.stream(Finding.values()).map(Finding::key).toList();

    /**
     * The typed value of {@code finding}: a {@link String} (scope), an enum ({@link Grade}, {@link GradeFinding.Source},
     * {@link LiverMetastasisType}, {@link Resectability}, {@link TumorBurden}) or a {@link Boolean}; {@code null} when
     * it could not be derived.
     * @param finding which finding
     * @return its value, or {@code null}
     */
    public Object value(Finding finding) {
        return switch (finding) {
            case SCOPE -> scope;
            case GRADE -> grade;
            case GRADE_SOURCE -> gradeSource;
            case LIVER_METASTASIS_TYPE -> liverMetastasisType;
            case LIVER_TYPE_DERIVED -> liverTypeDerived;
            case RESECTABILITY -> resectability;
            case TUMOR_BURDEN -> tumorBurden;
            case FIT_FOR_SURGERY -> fitForSurgery;
        };
    }

    /**
     * The derived findings with their typed values ({@link #value(Finding)}), in output order; absent ones left out.
     * @return the findings that were derived, each with its value
     */
    public Map<Finding, Object> values() {
        Map<Finding, Object> m = new EnumMap<>(Finding.class);
        for (Finding f : Finding.values()) {
            Object v = value(f);
            if (v != null) {
                m.put(f, v);
            }
        }
        return m;
    }

    /**
     * The text form of {@code finding}'s value as the outputs write it ({@code "G2"}, {@code "true"}), or empty.
     * @param finding which finding
     * @return its value as text, or empty when it could not be derived
     */
    public Optional<String> text(Finding finding) {
        return Optional.ofNullable(value(finding)).map(Findings::textOf);
    }

    /**
     * The text form of a finding's value: an enum constant's name, {@code "true"}/{@code "false"}, the scope.
     * @param value a finding's value (not {@code null})
     * @return its text form
     */
    public static String textOf(Object value) {
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    /**
     * {@return the findings by their output name, values in text form ({@link #textOf(Object)}), absent ones left out}
     * For text boundaries (scenario files, snapshots); in code, use {@link #value(Finding)} or {@link #values()}.
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        values().forEach((f, v) -> m.put(f.key(), textOf(v)));
        return m;
    }
}
