package org.netlm.model;

import java.util.List;
import java.util.Objects;

/**
 * One resolved recommendation: at most one per therapy in an {@link Assessment}.
 *
 * @param therapy   the therapy or process item
 * @param strength  the resolved strength (most restrictive wins)
 * @param rationale a plain sentence for a clinician
 * @param evidence  citations of the deciding rule
 * @param ruleId    {@code @id} of the rule whose strength won
 * @param opinions  every rule's opinion on this therapy, the deciding one first (the others' rationales are kept)
 * @param limits    limits applied by the resolution layer, as "RULE-ID: reason" (e.g. at most CONSIDER)
 */
public record Recommendation(Therapy therapy, Strength strength, String rationale, List<Citation> evidence,
                             String ruleId, List<Opinion> opinions, List<String> limits) {
    public Recommendation {
        Objects.requireNonNull(therapy, "therapy");
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(ruleId, "ruleId");
        evidence = List.copyOf(evidence);
        opinions = List.copyOf(opinions);
        limits = List.copyOf(limits);
    }

    /** {@return whether the rules disagreed on this therapy (their opinions differ in strength)} */
    public boolean isContested() {
        return opinions.stream().map(Opinion::strength).distinct().count() > 1;
    }
}
