package org.netlm.model.fact;

import java.util.Objects;
import org.kie.api.runtime.rule.RuleContext;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * Derived fact: one rule's opinion on one therapy, before resolution. Carries the {@code @id} of the rule that
 * inserted it, read from the firing rule's metadata ({@link RuleId}); what the rule cites ({@code @evidence}) and
 * which therapies and strengths it may give ({@code @offers}) the engine reads from the rule catalogue by that id.
 */
public final class Candidate {
    /**
     * What a candidate is for. Only the somatostatin analogue has two: its symptom-control rule for a functional NET
     * and its antiproliferative rules, which some limits treat differently (decision-model.md, Scope and section 2).
     */
    public enum Purpose { TUMOUR_CONTROL, SYMPTOM_CONTROL }

    private final Therapy therapy;
    private final Strength strength;
    private final String ruleId;
    private final String rationale;
    private final Purpose purpose;

    public Candidate(Therapy therapy, Strength strength, String ruleId, String rationale) {
        this(therapy, strength, ruleId, rationale, Purpose.TUMOUR_CONTROL);
    }

    public Candidate(Therapy therapy, Strength strength, String ruleId, String rationale, Purpose purpose) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.therapy = Objects.requireNonNull(therapy, "therapy");
        this.strength = Objects.requireNonNull(strength, "strength");
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.rationale = Objects.requireNonNull(rationale, "rationale");
    }

    /** Called from a rule's consequence: {@code insert(Candidate.of(kcontext, Therapy.PRRT, Strength.RECOMMENDED, "…"))}. */
    public static Candidate of(RuleContext kcontext, Therapy therapy, Strength strength, String rationale) {
        return new Candidate(therapy, strength, RuleId.of(kcontext), rationale);
    }

    /** The same candidate given for hormone-symptom control: {@code insert(Candidate.of(...).forSymptomControl())}. */
    public Candidate forSymptomControl() {
        return new Candidate(therapy, strength, ruleId, rationale, Purpose.SYMPTOM_CONTROL);
    }

    /** The same candidate with another strength and rationale (a cap's result), keeping its rule and purpose. */
    public Candidate with(Strength newStrength, String newRationale) {
        return new Candidate(therapy, newStrength, ruleId, newRationale, purpose);
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public Therapy getTherapy() {
        return therapy;
    }

    public Strength getStrength() {
        return strength;
    }

    public String getRuleId() {
        return ruleId;
    }

    public String getRationale() {
        return rationale;
    }

    @Override
    public String toString() {
        return "Candidate[" + therapy + " " + strength + " by " + ruleId + "]";
    }
}
