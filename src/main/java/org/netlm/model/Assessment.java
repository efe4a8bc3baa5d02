package org.netlm.model;

import java.util.List;
import java.util.Optional;

/**
 * The result of assessing one patient: findings, resolved recommendations (at most one per therapy,
 * in {@link Therapy} order), warnings, the rules that fired (in firing order), every criterion's state,
 * and the rule-set version. Immutable.
 */
public record Assessment(String patientId, String rulesetVersion, Findings findings,
                         List<Recommendation> recommendations, List<Warning> warnings,
                         List<String> firedRules, List<Criterion> criteria, String disclaimer) {

    /** Printed with every assessment, in every format. */
    public static final String DISCLAIMER = "Decision support for a multidisciplinary tumour board, not a prescription: "
        + "every recommendation must be checked against the full clinical picture by the treating team.";

    public Assessment {
        recommendations = List.copyOf(recommendations);
        warnings = List.copyOf(warnings);
        firedRules = List.copyOf(firedRules);
        criteria = List.copyOf(criteria);
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

    /** The state of a criterion for this patient. */
    public Optional<Criterion> criterion(CriterionCode code) {
        return criteria.stream().filter(c -> c.getCode() == code).findFirst();
    }
}
