package org.netlm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one vocabulary of criterion conditions: what a rule may ask of one criterion in its {@code Criteria( … )}
 * pattern. Each constant names the {@code Criteria} method the DRL calls ({@code met(CriterionCode.NET)},
 * {@code notMet(CriterionCode.SSTR_NEGATIVE)}, …); the rules ({@code Criteria}), the rule catalogue (which reads the
 * DRL's conditions into these constants) and the explanations (which check a rule's conditions against a patient's
 * criteria) all decide through {@link #test(CriterionState)}, so they cannot disagree.
 *
 * <p><b>A criterion no rule derived satisfies no predicate</b>, whatever it asks: {@code test(null)} is false for
 * every constant (as a pattern on a missing fact would be). A rule that names an underived criterion therefore never
 * fires, and the explanations report that criterion as blocking it (no patient data can satisfy it; the rule folder
 * must derive it). This is the clinically safer reading: reading "not derived" as UNKNOWN would let
 * {@code notMet(CONTRAINDICATION)} offer a therapy whose contraindication nobody assessed.
 */
public enum CriterionPredicate {
    /** {@code met(…)}: the criterion holds. */
    MET("met"),
    /** {@code unmet(…)}: the criterion is known not to hold. */
    UNMET("unmet"),
    /** {@code unknown(…)}: the data to decide it are missing. */
    UNKNOWN("unknown"),
    /** {@code notMet(…)}: UNMET or UNKNOWN. */
    NOT_MET("notMet"),
    /** {@code notUnmet(…)}: MET or UNKNOWN. */
    NOT_UNMET("notUnmet");

    private final String method;

    CriterionPredicate(String method) {
        this.method = method;
    }

    /**
     * The {@code Criteria} method the DRL calls, e.g. {@code notMet}.
     * @return the method name
     */
    public String method() {
        return method;
    }

    /**
     * The predicate a DRL condition calls by {@code method} ({@code "notMet"}), if any.
     * @param method a {@code Criteria} method name
     * @return its predicate, or empty when the name is not one of them
     */
    public static Optional<CriterionPredicate> ofMethod(String method) {
        for (CriterionPredicate p : values()) {
            if (p.method.equals(method)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a criterion in {@code state} satisfies this predicate; {@code state} is {@code null} for a criterion no rule
     * derived, which satisfies none.
     * @param state the criterion's derived state, or {@code null} when no rule derived it
     * @return whether the predicate holds
     */
    public boolean test(CriterionState state) {
        if (state == null) {
            return false;
        }
        return switch (this) {
            case MET -> state == CriterionState.MET;
            case UNMET -> state == CriterionState.UNMET;
            case UNKNOWN -> state == CriterionState.UNKNOWN;
            case NOT_MET -> state != CriterionState.MET;
            case NOT_UNMET -> state != CriterionState.UNMET;
        };
    }

    /**
     * The derived states that satisfy it, in enum order (e.g. [UNMET, UNKNOWN] for {@link #NOT_MET}).
     * @return the accepted states
     */
    public List<CriterionState> acceptedStates() {
        List<CriterionState> out = new ArrayList<>(3);
        for (CriterionState s : CriterionState.values()) {
            if (test(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The predicate a negated condition ({@code !met(…)}, or a {@code not Criteria( met(…) )} pattern) means on a derived
     * criterion, or empty for {@code !unknown(…)} (MET or UNMET: no single predicate). On an underived criterion the
     * negation is not exact (the negated condition holds there, the predicate returned does not): the catalogue reads
     * such a condition as this predicate, which is what every bundled rule means by it.
     * @return the predicate of the negation, or empty
     */
    public Optional<CriterionPredicate> negated() {
        return switch (this) {
            case MET -> Optional.of(NOT_MET);
            case UNMET -> Optional.of(NOT_UNMET);
            case UNKNOWN -> Optional.empty();
            case NOT_MET -> Optional.of(MET);
            case NOT_UNMET -> Optional.of(UNMET);
        };
    }
}
