package org.netlm.engine;

/**
 * Options for {@link NetlmEngine#assess(org.netlm.model.PatientCase, AssessOptions)}. Immutable.
 * {@link #DEFAULT} builds full explanations, as {@link NetlmEngine#assess(org.netlm.model.PatientCase)} does;
 * {@link #withoutExplanations()} skips them (and the event recording they need beyond the fired-rule list)
 * for bulk runs that only need the recommendations; the assessment then carries
 * {@link org.netlm.model.Explanations#NONE}.
 *
 * @param explanations build the why / why-not explanations
 */
public record AssessOptions(boolean explanations) {
    /** Full explanations (the default of {@code assess(PatientCase)}). */
    public static final AssessOptions DEFAULT = new AssessOptions(true);

    /** Recommendations, findings, warnings and fired rules only; no explanations. */
    public static AssessOptions withoutExplanations() {
        return new AssessOptions(false);
    }
}
