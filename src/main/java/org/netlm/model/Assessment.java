package org.netlm.model;

import java.util.List;
import java.util.Optional;

/**
 * The result of assessing one patient: findings, resolved recommendations (at most one per therapy,
 * in {@link Therapy} order), warnings, the rules that fired (in firing order), every criterion's state,
 * the rule-set version, and the {@link Explanations} (why each recommendation, why not every other therapy).
 * Immutable.
 */
public record Assessment(String patientId, String rulesetVersion, Findings findings,
                         List<Recommendation> recommendations, List<Warning> warnings,
                         List<String> firedRules, List<Criterion> criteria, String disclaimer,
                         Explanations explanations) {

    /** Printed with every assessment, in every format. */
    public static final String DISCLAIMER = "Decision support for a multidisciplinary tumour board, not a prescription: "
        + "every recommendation must be checked against the full clinical picture by the treating team.";

    public Assessment {
        recommendations = List.copyOf(recommendations);
        warnings = List.copyOf(warnings);
        firedRules = List.copyOf(firedRules);
        criteria = List.copyOf(criteria);
        explanations = explanations == null ? Explanations.NONE : explanations;
    }

    /** An assessment without explanations ({@link Explanations#NONE}); kept for callers of the original constructor. */
    public Assessment(String patientId, String rulesetVersion, Findings findings, List<Recommendation> recommendations,
                      List<Warning> warnings, List<String> firedRules, List<Criterion> criteria, String disclaimer) {
        this(patientId, rulesetVersion, findings, recommendations, warnings, firedRules, criteria, disclaimer, Explanations.NONE);
    }

    /** The recommendation for {@code therapy}, if any rule spoke about it. */
    public Optional<Recommendation> recommendation(Therapy therapy) {
        return recommendations.stream().filter(r -> r.therapy() == therapy).findFirst();
    }

    /** The resolved strength for {@code therapy}, or empty when no rule spoke about it. */
    public Optional<Strength> strengthOf(Therapy therapy) {
        return recommendation(therapy).map(Recommendation::strength);
    }

    /** True when {@code therapy} is on offer (RECOMMENDED or CONSIDER). */
    public boolean offers(Therapy therapy) {
        return strengthOf(therapy).map(Strength::isOffered).orElse(false);
    }

    public boolean hasWarning(WarningCode code) {
        return warnings.stream().anyMatch(w -> w.code() == code);
    }

    /** Why {@code therapy} has its strength (present for every resolved recommendation when explanations were built). */
    public Optional<Why> why(Therapy therapy) {
        return explanations.why(therapy);
    }

    /** Why {@code therapy} is not on offer (present for every therapy not offered when explanations were built). */
    public Optional<WhyNot> whyNot(Therapy therapy) {
        return explanations.whyNot(therapy);
    }

    /** The state of a criterion for this patient. */
    public Optional<Criterion> criterion(CriterionCode code) {
        return criteria.stream().filter(c -> c.getCode() == code).findFirst();
    }
}
