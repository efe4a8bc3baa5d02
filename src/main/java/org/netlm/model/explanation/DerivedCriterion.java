package org.netlm.model.explanation;

import java.util.List;
import java.util.Objects;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;

/**
 * A criterion as the classification layer derived it for this patient: its state, the values behind it,
 * and the {@code @id} of the classification rule that inserted it. Part of an explanation.
 *
 * @param code      the criterion
 * @param state     MET, UNMET or UNKNOWN (the data to decide it are missing)
 * @param basis     the values behind the state, e.g. {@code "ecog=3, childPugh=A"}
 * @param derivedBy {@code @id} of the classification rule that derived it ({@code null} if no rule did)
 */
public record DerivedCriterion(CriterionCode code, CriterionState state, String basis, String derivedBy) {
    public DerivedCriterion {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(state, "state");
        basis = basis == null ? "" : basis;
    }

    /** The patient fields that decide this criterion (what to give when it is UNKNOWN). */
    public List<String> inputFields() {
        return code.fields();
    }

    /** {@code FIT_FOR_SURGERY=UNMET (ecog=3, childPugh=A)}. */
    public String describe() {
        return code + "=" + state + (basis.isEmpty() ? "" : " (" + basis + ")");
    }
}
