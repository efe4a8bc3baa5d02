package org.netlm.model.fact;

import java.util.Objects;
import org.kie.api.runtime.rule.RuleContext;
import org.netlm.model.CriterionCode;
import org.netlm.model.Therapy;

/**
 * Derived fact: a limit a rule puts on every offer of one therapy, applied by the resolution layer.
 * {@link Kind#AT_MOST_CONSIDER} turns a RECOMMENDED into CONSIDER ("at most CONSIDER" in the model);
 * {@link Kind#NOT_OFFERED} removes RECOMMENDED and CONSIDER altogether (e.g. a therapy that already failed).
 */
public final class StrengthLimit {
    /** What the limit does. */
    public enum Kind { AT_MOST_CONSIDER, NOT_OFFERED }

    private final Therapy therapy;
    private final Kind kind;
    private final String ruleId;
    private final CriterionCode cause;
    private final String reason;
    private final Candidate.Purpose onlyFor;

    public StrengthLimit(Therapy therapy, Kind kind, String ruleId, CriterionCode cause, String reason) {
        this(therapy, kind, ruleId, cause, reason, null);
    }

    /** {@code onlyFor}: the purpose of the candidates it limits, {@code null} for every candidate of the therapy. */
    public StrengthLimit(Therapy therapy, Kind kind, String ruleId, CriterionCode cause, String reason, Candidate.Purpose onlyFor) {
        this.onlyFor = onlyFor;
        this.therapy = Objects.requireNonNull(therapy, "therapy");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.cause = cause;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** From a rule's consequence; {@code cause} is the criterion that sets the limit (may be null). */
    public static StrengthLimit of(RuleContext kcontext, Therapy therapy, Kind kind, CriterionCode cause, String reason) {
        return new StrengthLimit(therapy, kind, RuleId.of(kcontext), cause, reason);
    }

    /**
     * The same limit restricted to the candidates given for {@code purpose} (the model's "candidates of its
     * antiproliferative rule only", or the caps on the symptom-control SSA).
     */
    public StrengthLimit onlyFor(Candidate.Purpose purpose) {
        return new StrengthLimit(therapy, kind, ruleId, cause, reason, purpose);
    }

    /** Whether this limit applies to {@code c} (same therapy assumed). */
    public boolean appliesTo(Candidate c) {
        return onlyFor == null || onlyFor == c.getPurpose();
    }

    public Candidate.Purpose getOnlyFor() {
        return onlyFor;
    }

    public Therapy getTherapy() {
        return therapy;
    }

    public Kind getKind() {
        return kind;
    }

    public String getRuleId() {
        return ruleId;
    }

    public CriterionCode getCause() {
        return cause;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "StrengthLimit[" + therapy + " " + kind + " by " + ruleId + "]";
    }
}
