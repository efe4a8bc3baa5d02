package org.netlm.model;

import java.util.Objects;
import org.netlm.model.fact.Criteria;

/**
 * A derived fact: one named criterion, its state for this patient, and the input values behind it
 * (e.g. {@code "ki67Percent=12.0"}). Derived once per code by a classification rule and gathered into the
 * {@link Criteria} fact (never inserted on its own). Immutable.
 */
public final class Criterion {
    private final CriterionCode code;
    private final CriterionState state;
    private final String basis;

    public Criterion(CriterionCode code, CriterionState state, String basis) {
        this.code = Objects.requireNonNull(code, "code");
        this.state = Objects.requireNonNull(state, "state");
        this.basis = basis == null ? "" : basis;
    }

    public static Criterion of(CriterionCode code, CriterionState state, String basis) {
        return new Criterion(code, state, basis);
    }

    public CriterionCode getCode() {
        return code;
    }

    public CriterionState getState() {
        return state;
    }

    /** The input values behind the state, e.g. "ki67Percent=12.0"; "no data" when nothing was known. */
    public String getBasis() {
        return basis;
    }

    public boolean isMet() {
        return state == CriterionState.MET;
    }

    public boolean isUnmet() {
        return state == CriterionState.UNMET;
    }

    public boolean isUnknown() {
        return state == CriterionState.UNKNOWN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Criterion c && code == c.code && state == c.state && basis.equals(c.basis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, state, basis);
    }

    @Override
    public String toString() {
        return code + "=" + state + (basis.isEmpty() ? "" : " (" + basis + ")");
    }
}
