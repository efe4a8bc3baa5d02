package org.netlm.model.explanation;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.netlm.model.CriterionCode;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.fact.StrengthLimit;

/**
 * Why a therapy is not offered (absent, NOT_RECOMMENDED or CONTRAINDICATED): every rule of the rule folder that
 * would offer it, checked condition by condition against this patient's criteria, plus the rules that spoke
 * against it and the limits set on it. There is one for every {@link Therapy} not on offer.
 *
 * @param therapy          the therapy
 * @param strength         NOT_RECOMMENDED or CONTRAINDICATED, or {@code null} when no rule spoke about it
 * @param reasons          every criterion named as a reason against the therapy, sorted: the codes of
 *                         {@link #blockedBy()} and {@link #missingInputs()}, the causes of NOT_OFFERED limits and of
 *                         applied limits, and the criteria matched by {@link #negativeRules()} except shared
 *                         preconditions (a criterion that every offering rule requires in the state the patient has,
 *                         such as NET=MET, is not a reason against)
 * @param blockedBy        known criteria that block it, sorted by code: non-empty only when <em>every</em> offering
 *                         rule is blocked by something known, and then the union of what blocks each rule (see
 *                         {@link #offeringRules()} for which rule each blocks, {@link #blockingEveryRule()} for the
 *                         criteria that block them all)
 * @param missingInputs    UNKNOWN criteria that alone hold back an offering rule (a rule that nothing known blocks),
 *                         sorted by code; {@link #missingInputFields()} names the patient fields to give
 * @param negativeRules    the rules that fired with NOT_RECOMMENDED or CONTRAINDICATED, with the criteria they matched
 * @param limits           the limits set on the therapy (e.g. NOT_OFFERED "already failed"; caps), sorted by rule id
 * @param offeringRules    per-rule detail for every rule that would offer the therapy, sorted by rule id
 * @param unlockableByData true when data for {@link #missingInputs()} could put the therapy on offer: some offering
 *                         rule is held back only by missing data, and nothing known (a NOT_RECOMMENDED or
 *                         CONTRAINDICATED rule, a NOT_OFFERED limit) stops the therapy anyway
 */
public record WhyNot(Therapy therapy, Strength strength, List<CriterionCode> reasons, List<DerivedCriterion> blockedBy, List<DerivedCriterion> missingInputs,
                     List<FiredRule> negativeRules, List<LimitExplanation> limits, List<OfferingRuleCheck> offeringRules,
                     boolean unlockableByData) {
    public WhyNot {
        Objects.requireNonNull(therapy, "therapy");
        reasons = List.copyOf(reasons);
        blockedBy = List.copyOf(blockedBy);
        missingInputs = List.copyOf(missingInputs);
        negativeRules = List.copyOf(negativeRules);
        limits = List.copyOf(limits);
        offeringRules = List.copyOf(offeringRules);
    }

    /** The codes of {@link #blockedBy()}. */
    public Set<CriterionCode> blockingCodes() {
        Set<CriterionCode> out = EnumSet.noneOf(CriterionCode.class);
        blockedBy.forEach(c -> out.add(c.code()));
        return out;
    }

    /** Known criteria that block every offering rule (empty when any offering rule fired or none exists). */
    public Set<CriterionCode> blockingEveryRule() {
        Set<CriterionCode> out = null;
        for (OfferingRuleCheck r : offeringRules) {
            Set<CriterionCode> codes = EnumSet.noneOf(CriterionCode.class);
            if (!r.fired()) {
                r.blockedBy().forEach(u -> codes.add(u.code()));
            }
            if (out == null) {
                out = codes;
            } else {
                out.retainAll(codes);
            }
        }
        return out == null ? EnumSet.noneOf(CriterionCode.class) : out;
    }

    /** The patient fields to give for {@link #missingInputs()}, sorted, without duplicates. */
    public List<String> missingInputFields() {
        return missingInputs.stream().flatMap(c -> c.inputFields().stream()).distinct().sorted().toList();
    }

    /** The NOT_OFFERED limits (suppressions such as "already failed"). */
    public List<LimitExplanation> suppressions() {
        return limits.stream().filter(l -> l.kind() == StrengthLimit.Kind.NOT_OFFERED).toList();
    }

    /**
     * True when the explanation gives at least one reason the therapy is not on offer: a known blocker, a missing
     * input, a NOT_RECOMMENDED or CONTRAINDICATED rule, or a NOT_OFFERED limit.
     */
    public boolean hasReason() {
        return !blockedBy.isEmpty() || !missingInputs.isEmpty() || !negativeRules.isEmpty() || !suppressions().isEmpty();
    }
}
