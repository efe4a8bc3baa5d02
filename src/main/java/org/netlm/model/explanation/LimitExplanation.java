package org.netlm.model.explanation;

import java.util.Objects;
import org.netlm.model.fact.StrengthLimit;

/**
 * A limit a rule set on a therapy (see {@link StrengthLimit}): "at most CONSIDER" or "not offered" (e.g. the
 * therapy already failed).
 *
 * @param ruleId  {@code @id} of the rule that set it
 * @param kind    AT_MOST_CONSIDER or NOT_OFFERED
 * @param reason  the rule's reason
 * @param cause   the criterion that set it, as derived for this patient ({@code null} when the rule names none,
 *                e.g. SYS-23 "already failed", which reads the prior therapies directly)
 * @param applied true when it changed the outcome here: a cap that lowered a RECOMMENDED, or a NOT_OFFERED that
 *                removed an offer; false when it was set but no rule offered the therapy at a strength it limits
 */
public record LimitExplanation(String ruleId, StrengthLimit.Kind kind, String reason, DerivedCriterion cause, boolean applied) {
    public LimitExplanation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
    }
}
