package org.netlm.model;

import java.util.Objects;
import org.netlm.model.fact.Criteria;

/**
 * A derived fact: one named criterion, its state for this patient, and the input values behind it
 * (e.g. {@code "ki67Percent=12.5"}). Derived once per code by a classification rule and gathered into the
 * {@link Criteria} fact (never inserted on its own); every one derived for a patient is listed in
 * {@link Assessment#criteria()}. Immutable.
 */
public final class Criterion {
    private final CriterionCode code;
    private final CriterionState state;
    private final String basis;

    /**
     * A criterion in the given state.
     *
     * @param code  which criterion
     * @param state MET, UNMET, or UNKNOWN when the data it needs are missing
     * @param basis the input values behind the state, e.g. {@code "ki67Percent=12.5"}; {@code null} is taken as empty
     */
    public Criterion(CriterionCode code, CriterionState state, String basis) {
        this.code = Objects.requireNonNull(code, "code");
        this.state = Objects.requireNonNull(state, "state");
        this.basis = basis == null ? "" : basis;
    }

    /**
     * The same as the constructor, for rule consequences ({@code Criterion.of(CriterionCode.GRADE_G1, ...)}).
     *
     * @param code  which criterion
     * @param state MET, UNMET, or UNKNOWN when the data it needs are missing
     * @param basis the input values behind the state; {@code null} is taken as empty
     * @return the criterion
     */
    public static Criterion of(CriterionCode code, CriterionState state, String basis) {
        return new Criterion(code, state, basis);
    }

    /**
     * Which criterion this is.
     *
     * @return the criterion's code
     */
    public CriterionCode getCode() {
        return code;
    }

    /**
     * Whether the criterion holds for this patient.
     *
     * @return MET, UNMET, or UNKNOWN when the data it needs are missing
     */
    public CriterionState getState() {
        return state;
    }

    /**
     * The input values behind the state, as the deriving rule wrote them.
     *
     * @return {@code field=value} pairs, e.g. {@code "ki67Percent=12.5, grade=absent"} (a missing value reads
     *         {@code absent}); never {@code null}
     */
    public String getBasis() {
        return basis;
    }

    /**
     * Whether the criterion holds.
     *
     * @return true when the state is MET
     */
    public boolean isMet() {
        return state == CriterionState.MET;
    }

    /**
     * Whether the criterion is known not to hold.
     *
     * @return true when the state is UNMET
     */
    public boolean isUnmet() {
        return state == CriterionState.UNMET;
    }

    /**
     * Whether the data the criterion needs are missing, so it can be neither MET nor UNMET.
     *
     * @return true when the state is UNKNOWN
     */
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
