package org.netlm.catalog;

import java.util.List;
import java.util.Objects;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.CriterionState;

/**
 * What a rule's condition asks of one criterion, read from its {@code Criteria( … )} pattern, e.g.
 * {@code notMet(CriterionCode.SSTR_NEGATIVE)}: the criterion and the {@link CriterionPredicate} (the vocabulary the DRL,
 * the catalogue and the explanations share).
 *
 * @param code      the criterion
 * @param predicate what the condition asks of it
 */
public record Requirement(CriterionCode code, CriterionPredicate predicate) {
    /**
     * Checks that both parts are given.
     * @param code the criterion
     * @param predicate what the condition asks of it
     * @throws NullPointerException when either is null
     */
    public Requirement {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(predicate, "predicate");
    }

    /**
     * True when a criterion in {@code state} satisfies this requirement; {@code state} is {@code null} for a criterion
     * no rule derived, which satisfies none (as in the rules).
     * @param state the criterion's derived state, or {@code null} when no rule derived it
     * @return whether the condition holds
     */
    public boolean acceptedBy(CriterionState state) {
        return predicate.test(state);
    }

    /**
     * The derived states that satisfy it, in enum order.
     * @return the accepted states
     */
    public List<CriterionState> acceptedStates() {
        return predicate.acceptedStates();
    }

    /**
     * The condition as the DRL writes it: {@code notMet(CriterionCode.SSTR_NEGATIVE)}.
     * @return the DRL call
     */
    public String asDrl() {
        return predicate.method() + "(CriterionCode." + code + ")";
    }
}
