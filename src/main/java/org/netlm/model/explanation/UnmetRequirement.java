package org.netlm.model.explanation;

import java.util.List;
import java.util.Objects;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;

/**
 * One condition of a rule that this patient's criterion does not satisfy: the rule accepts the criterion
 * only in the {@code accepted} states, and the patient's state is not among them. When the patient's
 * state is UNKNOWN the requirement waits for data ({@link #missingData()}); otherwise it blocks.
 *
 * @param criterion the patient's criterion
 * @param accepted  the states the rule's pattern accepts, in enum order (e.g. [MET], or [UNMET, UNKNOWN] for {@code !met})
 */
public record UnmetRequirement(DerivedCriterion criterion, List<CriterionState> accepted) {
    public UnmetRequirement {
        Objects.requireNonNull(criterion, "criterion");
        accepted = List.copyOf(accepted);
    }

    public CriterionCode code() {
        return criterion.code();
    }

    /** True when the criterion is UNKNOWN: giving its input fields could satisfy the rule. */
    public boolean missingData() {
        return criterion.state() == CriterionState.UNKNOWN;
    }
}
