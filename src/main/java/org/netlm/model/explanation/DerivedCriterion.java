package org.netlm.model.explanation;

import java.util.List;
import java.util.Objects;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.CriterionState;

/**
 * A criterion as the classification layer derived it for this patient: its state, the values behind it,
 * and the {@code @id} of the classification rule that inserted it. Part of an explanation.
 *
 * @param code      the criterion
 * @param state     MET, UNMET or UNKNOWN (the data to decide it are missing); {@code null} for a criterion no rule
 *                  derived ({@link #notDerived}), which satisfies no condition of a rule (see {@link CriterionPredicate})
 * @param basis     the values behind the state, e.g. {@code "ecog=3, childPugh=A"}
 * @param derivedBy {@code @id} of the classification rule that derived it ({@code null} if no rule did)
 */
public record DerivedCriterion(CriterionCode code, CriterionState state, String basis, String derivedBy) {
    public DerivedCriterion {
        Objects.requireNonNull(code, "code");
        basis = basis == null ? "" : basis;
    }

    /** A criterion no rule of the rule folder derived: it satisfies no rule's condition, and no patient data can change that. */
    public static DerivedCriterion notDerived(CriterionCode code) {
        return new DerivedCriterion(code, null, "not derived by any rule", null);
    }

    /** False for a criterion no rule derived. */
    public boolean isDerived() {
        return state != null;
    }

    /** The patient fields that decide this criterion (what to give when it is UNKNOWN). */
    public List<String> inputFields() {
        return code.fields();
    }
}
