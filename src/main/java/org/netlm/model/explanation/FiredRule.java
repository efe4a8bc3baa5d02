package org.netlm.model.explanation;

import java.util.List;
import java.util.Objects;
import org.netlm.model.Strength;

/**
 * A rule that fired and gave an opinion on a therapy, with the criteria its conditions matched (recorded
 * while the rules ran, not re-stated by hand).
 *
 * @param ruleId    {@code @id}
 * @param ruleName  the rule's name (its clinical sentence)
 * @param strength  the strength the rule itself gave (before any limit)
 * @param rationale the rule's rationale
 * @param matched   the criteria the rule matched, sorted by code
 */
public record FiredRule(String ruleId, String ruleName, Strength strength, String rationale, List<DerivedCriterion> matched) {
    public FiredRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(strength, "strength");
        ruleName = ruleName == null ? ruleId : ruleName;
        rationale = rationale == null ? "" : rationale;
        matched = List.copyOf(matched);
    }
}
