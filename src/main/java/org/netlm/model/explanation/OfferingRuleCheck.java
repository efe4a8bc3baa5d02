package org.netlm.model.explanation;

import java.util.List;
import java.util.Objects;
import org.netlm.model.Strength;

/**
 * Why one rule that would offer a therapy (RECOMMENDED or CONSIDER) did or did not offer it for this patient,
 * from the rule's conditions as written in the rule folder, checked against the patient's criteria.
 *
 * @param ruleId              {@code @id}
 * @param ruleName            the rule's name
 * @param strength            the strength the rule would give
 * @param fired               true when the rule fired (its offer may still have been removed by a limit or outranked)
 * @param blockedBy           conditions failed by a criterion whose state is known (data will not change them), by code
 * @param missingInputs       conditions on a criterion that is UNKNOWN, by code: giving its input fields could satisfy them
 * @param conditionsFullyRead false when the rule has conditions that are not criteria (or are under {@code or}), so
 *                            a rule that did not fire may have failed on something not listed here
 */
public record OfferingRuleCheck(String ruleId, String ruleName, Strength strength, boolean fired,
                                List<UnmetRequirement> blockedBy, List<UnmetRequirement> missingInputs,
                                boolean conditionsFullyRead) {
    public OfferingRuleCheck {
        Objects.requireNonNull(ruleId, "ruleId");
        blockedBy = List.copyOf(blockedBy);
        missingInputs = List.copyOf(missingInputs);
    }

    /** True when only missing data stand between the patient and this rule's offer (nothing known blocks it). */
    public boolean heldBackOnlyByMissingData() {
        return !fired && blockedBy.isEmpty() && !missingInputs.isEmpty();
    }

    /** True when the rule did not fire and something known blocks it. */
    public boolean blocked() {
        return !fired && !blockedBy.isEmpty();
    }
}
