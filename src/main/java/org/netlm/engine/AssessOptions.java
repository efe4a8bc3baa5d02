package org.netlm.engine;

/**
 * Options for {@link NetlmEngine#assess(org.netlm.model.PatientCase, AssessOptions)}. Immutable.
 * {@link #DEFAULT} gives full explanations, as {@link NetlmEngine#assess(org.netlm.model.PatientCase)} does: they are
 * built on the first call of {@link org.netlm.model.Assessment#explanations()} (once), so a caller that reads only
 * the recommendations does not pay for them. {@link #withoutExplanations()} drops them altogether (the assessment
 * carries {@link org.netlm.model.explanation.Explanations#NONE} and holds no session data for them), for bulk runs that only need
 * the recommendations; the missing-data summary ({@link org.netlm.model.Assessment#missingInputs()}), drawn from the
 * explanations, is then empty.
 *
 * @param explanations make the why / why-not explanations available
 */
public record AssessOptions(boolean explanations) {
    /** Full explanations (the default of {@code assess(PatientCase)}). */
    public static final AssessOptions DEFAULT = new AssessOptions(true);

    /**
     * Recommendations, findings, warnings and fired rules only; no explanations, hence no missing-data summary.
     *
     * @return options without explanations
     */
    public static AssessOptions withoutExplanations() {
        return new AssessOptions(false);
    }
}
