package org.netlm.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The names of the derived findings of an assessment ({@link Findings}), in output order: the one vocabulary of the
 * JSON, CSV, text and summary writers, the cohort and impact reports and the scenario files. {@link #key()} is the
 * name in the outputs ({@code "liverMetastasisType"}); {@link Findings#value(Finding)} the typed value.
 */
public enum Finding {
    /** {@code "NET"} or {@code "NEC"} (a {@link String}). */
    SCOPE("scope"),
    /** Reported or derived {@link Grade}. */
    GRADE("grade"),
    /** Where the grade came from ({@code GradeFinding.Source}: REPORTED, DERIVED or UNKNOWN). */
    GRADE_SOURCE("gradeSource"),
    /** Reported or derived {@link LiverMetastasisType}. */
    LIVER_METASTASIS_TYPE("liverMetastasisType"),
    /** {@link Boolean}: the liver metastasis type was derived from lesion data. */
    LIVER_TYPE_DERIVED("liverTypeDerived"),
    /** Derived {@link Resectability}. */
    RESECTABILITY("resectability"),
    /** {@link TumorBurden} class. */
    TUMOR_BURDEN("tumorBurden"),
    /** {@link Boolean}: fit for major liver surgery (absent data count as fit). */
    FIT_FOR_SURGERY("fitForSurgery");

    private final String key;

    Finding(String key) {
        this.key = key;
    }

    /**
     * The finding's name in the outputs and scenario files, e.g. {@code "liverMetastasisType"}.
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * The finding named {@code key} in the outputs, or empty.
     * @param key a finding's name in the outputs
     * @return the finding, or empty when no finding has that name
     */
    public static Optional<Finding> forKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
