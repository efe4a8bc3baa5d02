package org.netlm.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.netlm.catalog.Requirement;
import org.netlm.catalog.RuleCatalog;
import org.netlm.catalog.RuleInfo;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.DerivedCriterion;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.explanation.FiredRule;
import org.netlm.model.explanation.LimitExplanation;
import org.netlm.model.explanation.OfferingRuleCheck;
import org.netlm.model.explanation.UnmetRequirement;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;
import org.netlm.model.fact.Candidate;
import org.netlm.model.fact.Criteria;
import org.netlm.model.fact.StrengthLimit;

/**
 * Builds the {@link Explanations} of one assessment from the rules' own execution: the candidates and limits the
 * rules inserted, the rules that fired ({@code FiringRecorder}), the patient's {@code Criteria} with the
 * classification rule that derived each, the criteria each fired rule requires as written in its {@code Criteria(…)}
 * pattern ({@code RuleCatalog}), the limits the {@code Resolver} applied, and, for therapies not on offer, the
 * requirements of every offering rule as written in the rule folder ({@link RuleCatalog}) checked against the
 * patient's criteria. No explanation text is written by hand, so explanations cannot drift from the rules.
 * One per engine; immutable and thread-safe (each call works on its own data).
 */
public final class Explainer {
    private static final Comparator<FiredRule> BY_RULE = Comparator.comparing(FiredRule::ruleId)
        .thenComparing(FiredRule::strength);
    private static final Comparator<DerivedCriterion> BY_DERIVED_CODE = Comparator.comparing(DerivedCriterion::code);

    private final Map<String, String> names = new HashMap<>();
    private final Map<Therapy, List<OfferingRule>> offering = new EnumMap<>(Therapy.class);
    /** The criterion codes each rule requires (its {@code Criteria(…)} conditions), by rule id. */
    private final Map<String, Set<CriterionCode>> required = new HashMap<>();

    /**
     * An offering rule, prepared once per engine: its requirements, in criterion-code order (the order the checks
     * report them in), with the states each accepts.
     */
    private record OfferingRule(RuleInfo info, Strength strength, boolean fullyRead, List<Requirement> requirements) {
        static OfferingRule of(RuleInfo r, Therapy t, boolean fullyRead) {
            List<Requirement> byCode = r.requirements().stream().sorted(Comparator.comparing(Requirement::code)).toList();
            return new OfferingRule(r, r.offering(t).orElseThrow(), fullyRead, byCode);
        }
    }

    /**
     * The explainer of the rules {@code catalog} describes (one per rule set; immutable, thread-safe).
     * @param catalog the catalogue of the rule set
     */
    public Explainer(RuleCatalog catalog) {
        for (RuleInfo r : catalog.rules()) {
            if (r.id() != null) {
                names.putIfAbsent(r.id(), r.name());
                Set<CriterionCode> codes = EnumSet.noneOf(CriterionCode.class);
                r.requirements().forEach(q -> codes.add(q.code()));
                required.putIfAbsent(r.id(), codes);
            }
        }
        for (Therapy t : Therapy.values()) {
            offering.put(t, catalog.offering(t).stream().filter(r -> r.id() != null)
                .sorted(Comparator.comparing(RuleInfo::id))
                .map(r -> OfferingRule.of(r, t, catalog.conditionsFullyRead(r))).toList());
        }
    }

    /**
     * The explanations of one assessment, built when first asked for: {@code firing} holds only data that no longer
     * change (what the finished session left behind and what resolution made of it).
     * @param firing what one finished session and its resolution left behind
     * @return the explanations, built on the first {@code get()}
     */
    public Supplier<Explanations> onDemand(Firing firing) {
        return new Pending(this, firing);
    }

    /**
     * Explains {@code firing} now.
     * @param firing what one finished session and its resolution left behind
     * @return why each recommendation was made and why the other therapies are not on offer
     */
    public Explanations explain(Firing firing) {
        return explain(firing.criteria(), firing.candidates(), firing.limits(), firing.recommendations(), firing.applied(),
            firing.firedRules());
    }

    /** The explanations of a firing, built by the explainer on first {@link #get()} (the assessment calls it once). */
    private record Pending(Explainer explainer, Firing firing) implements Supplier<Explanations> {
        @Override
        public Explanations get() {
            return explainer.explain(firing);
        }
    }

    private Explanations explain(Criteria criteria, List<Candidate> candidates, List<StrengthLimit> limits,
                                 List<Recommendation> resolvedRecommendations, Map<Therapy, List<StrengthLimit>> applied,
                                 List<String> firedRules) {
        Run run = new Run(firedRules);
        for (Criterion c : criteria.all()) {
            run.derived.put(c.getCode(),
                new DerivedCriterion(c.getCode(), c.getState(), c.getBasis(), criteria.derivedBy(c.getCode())));
        }
        Map<Therapy, List<Candidate>> candidatesBy = new EnumMap<>(Therapy.class);
        candidates.forEach(c -> candidatesBy.computeIfAbsent(c.getTherapy(), t -> new ArrayList<>()).add(c));
        Map<Therapy, List<StrengthLimit>> limitsBy = new EnumMap<>(Therapy.class);
        limits.forEach(l -> limitsBy.computeIfAbsent(l.getTherapy(), t -> new ArrayList<>()).add(l));
        Map<Therapy, Recommendation> recommendations = new EnumMap<>(Therapy.class);
        resolvedRecommendations.forEach(r -> recommendations.put(r.therapy(), r));

        List<Why> why = new ArrayList<>();
        List<WhyNot> whyNot = new ArrayList<>();
        for (Therapy t : Therapy.values()) {
            List<Candidate> cs = candidatesBy.getOrDefault(t, List.of());
            List<StrengthLimit> ls = limitsBy.getOrDefault(t, List.of());
            List<LimitExplanation> limitNotes = run.limits(ls, applied.getOrDefault(t, List.of()));
            Recommendation rec = recommendations.get(t);
            if (rec != null) {
                why.add(run.why(rec, cs, ls, limitNotes));
            }
            if (rec == null || !rec.strength().isOffered()) {
                whyNot.add(run.whyNot(t, rec == null ? null : rec.strength(), cs, ls, limitNotes));
            }
        }
        return new Explanations(why, whyNot);
    }

    /** The state of one explanation call. */
    private final class Run {
        final Set<String> fired;
        final Map<CriterionCode, DerivedCriterion> derived = new EnumMap<>(CriterionCode.class);
        final Map<String, List<DerivedCriterion>> matched = new HashMap<>();

        Run(List<String> firedRules) {
            this.fired = new HashSet<>(firedRules);
        }

        DerivedCriterion criterion(CriterionCode code) {
            DerivedCriterion d = derived.get(code);
            // A criterion no rule derived satisfies no condition (CriterionPredicate): it blocks, no data can satisfy it.
            return d != null ? d : DerivedCriterion.notDerived(code);
        }

        List<DerivedCriterion> matched(String ruleId) {
            return matched.computeIfAbsent(ruleId, id -> {
                List<DerivedCriterion> out = new ArrayList<>();
                for (CriterionCode code : required.getOrDefault(id, Set.of())) {
                    DerivedCriterion d = derived.get(code);
                    if (d != null) { // a rule that fired matched only derived criteria
                        out.add(d);
                    }
                }
                return List.copyOf(out);
            });
        }

        FiredRule firedRule(Candidate c) {
            return new FiredRule(c.getRuleId(), names.get(c.getRuleId()), c.getStrength(), c.getRationale(), matched(c.getRuleId()));
        }

        List<LimitExplanation> limits(List<StrengthLimit> ls, List<StrengthLimit> applied) {
            Map<String, LimitExplanation> out = new LinkedHashMap<>();
            for (StrengthLimit l : ls) {
                boolean wasApplied = applied.contains(l);
                String key = l.getRuleId() + '\u0000' + l.getKind() + '\u0000' + l.getReason();
                LimitExplanation prev = out.get(key);
                if (prev == null || (!prev.applied() && wasApplied)) {
                    out.put(key, new LimitExplanation(l.getRuleId(), l.getKind(), l.getReason(),
                        l.getCause() == null ? null : criterion(l.getCause()), wasApplied));
                }
            }
            return out.values().stream().sorted(Comparator.comparing(LimitExplanation::ruleId)
                .thenComparing(LimitExplanation::kind).thenComparing(LimitExplanation::reason)).toList();
        }

        Why why(Recommendation rec, List<Candidate> cs, List<StrengthLimit> ls, List<LimitExplanation> limitNotes) {
            Candidate deciding = deciding(rec, cs);
            List<FiredRule> contributing = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            seen.add(deciding.getRuleId() + deciding.getStrength());
            for (Candidate c : cs) {
                if (seen.add(c.getRuleId() + c.getStrength())) {
                    contributing.add(firedRule(c));
                }
            }
            contributing.sort(BY_RULE);
            List<DerivedCriterion> upgrade = rec.strength() == Strength.CONSIDER ? upgradeInputs(rec.therapy(), cs, ls) : List.of();
            return new Why(rec.therapy(), rec.strength(), firedRule(deciding), contributing, limitNotes, upgrade);
        }

        /** The candidate behind the resolved strength: the deciding rule's, at that strength or capped to it. */
        private Candidate deciding(Recommendation rec, List<Candidate> cs) {
            Candidate fallback = null;
            for (Candidate c : cs) {
                if (c.getRuleId().equals(rec.ruleId())) {
                    if (c.getStrength() == rec.strength()) {
                        return c;
                    }
                    if (fallback == null || c.getStrength() == Strength.RECOMMENDED) {
                        fallback = c;
                    }
                }
            }
            if (fallback == null) {
                throw new IllegalStateException("no candidate of rule " + rec.ruleId() + " for " + rec.therapy());
            }
            return fallback;
        }

        /**
         * For a CONSIDER: the UNKNOWN criteria whose data could make it RECOMMENDED. Nothing when a cap on the therapy
         * has a known (or no) cause. Otherwise, when a rule already said RECOMMENDED, the causes of the caps that
         * lowered it; when none did, the missing inputs of RECOMMENDED rules that nothing known blocks, plus the caps'
         * causes (they would lower those too).
         */
        private List<DerivedCriterion> upgradeInputs(Therapy t, List<Candidate> cs, List<StrengthLimit> ls) {
            Set<CriterionCode> capCauses = new HashSet<>();
            for (StrengthLimit l : ls) {
                if (l.getKind() == StrengthLimit.Kind.NOT_OFFERED) {
                    return List.of();
                }
                if (l.getCause() == null || criterion(l.getCause()).state() != CriterionState.UNKNOWN) {
                    return List.of();
                }
                capCauses.add(l.getCause());
            }
            Set<CriterionCode> inputs = new HashSet<>();
            if (cs.stream().anyMatch(c -> c.getStrength() == Strength.RECOMMENDED)) {
                inputs.addAll(capCauses);
            } else {
                for (OfferingRule r : offering.get(t)) {
                    if (r.strength() == Strength.RECOMMENDED) {
                        OfferingRuleCheck check = check(r);
                        if (check.heldBackOnlyByMissingData()) {
                            check.missingInputs().forEach(u -> inputs.add(u.code()));
                        }
                    }
                }
                if (!inputs.isEmpty()) {
                    inputs.addAll(capCauses);
                }
            }
            return inputs.stream().sorted().map(this::criterion).toList();
        }

        WhyNot whyNot(Therapy t, Strength strength, List<Candidate> cs, List<StrengthLimit> ls, List<LimitExplanation> limitNotes) {
            List<OfferingRule> rules = offering.get(t);
            List<OfferingRuleCheck> checks = new ArrayList<>(rules.size());
            boolean allBlocked = !rules.isEmpty();
            for (OfferingRule r : rules) {
                OfferingRuleCheck c = check(r);
                checks.add(c);
                allBlocked &= c.blocked();
            }
            // Small lists (usually 0-3 criteria), first occurrence of each code kept, then put in code order.
            List<DerivedCriterion> blocked = new ArrayList<>(4);
            List<DerivedCriterion> missing = new ArrayList<>(4);
            for (OfferingRuleCheck c : checks) {
                if (allBlocked) {
                    c.blockedBy().forEach(u -> addOnce(blocked, u.criterion()));
                }
                if (c.heldBackOnlyByMissingData()) {
                    c.missingInputs().forEach(u -> addOnce(missing, u.criterion()));
                }
            }
            blocked.sort(BY_DERIVED_CODE);
            missing.sort(BY_DERIVED_CODE);
            List<FiredRule> negative = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Candidate c : cs) {
                if (!c.getStrength().isOffered() && seen.add(c.getRuleId() + c.getStrength())) {
                    negative.add(firedRule(c));
                }
            }
            negative.sort(BY_RULE);
            boolean suppressed = ls.stream().anyMatch(l -> l.getKind() == StrengthLimit.Kind.NOT_OFFERED);
            boolean unlockable = !missing.isEmpty() && negative.isEmpty() && !suppressed;
            Set<CriterionCode> reasons = EnumSet.noneOf(CriterionCode.class);
            blocked.forEach(c -> reasons.add(c.code()));
            missing.forEach(c -> reasons.add(c.code()));
            for (LimitExplanation l : limitNotes) {
                if (l.cause() != null && (l.applied() || l.kind() == StrengthLimit.Kind.NOT_OFFERED)) {
                    reasons.add(l.cause().code());
                }
            }
            for (FiredRule r : negative) {
                for (DerivedCriterion c : r.matched()) {
                    if (!sharedPrecondition(offering.get(t), c)) {
                        reasons.add(c.code());
                    }
                }
            }
            return new WhyNot(t, strength, List.copyOf(reasons), blocked, missing, negative, limitNotes, checks, unlockable);
        }

        private static void addOnce(List<DerivedCriterion> list, DerivedCriterion c) {
            for (DerivedCriterion d : list) {
                if (d.code() == c.code()) {
                    return;
                }
            }
            list.add(c);
        }

        /** True when every offering rule requires {@code c}'s code in a state that accepts the patient's (e.g. NET=MET). */
        private boolean sharedPrecondition(List<OfferingRule> rules, DerivedCriterion c) {
            if (rules.isEmpty()) {
                return false;
            }
            for (OfferingRule r : rules) {
                boolean accepts = false;
                for (Requirement q : r.requirements()) {
                    if (q.code() == c.code() && q.acceptedBy(c.state())) {
                        accepts = true;
                        break;
                    }
                }
                if (!accepts) {
                    return false;
                }
            }
            return true;
        }

        /** One offering rule's requirements against the patient's criteria. */
        OfferingRuleCheck check(OfferingRule r) {
            List<UnmetRequirement> blockedBy = new ArrayList<>();
            List<UnmetRequirement> missing = new ArrayList<>();
            for (int i = 0; i < r.requirements().size(); i++) {
                Requirement q = r.requirements().get(i);
                DerivedCriterion c = criterion(q.code());
                if (!q.acceptedBy(c.state())) {
                    UnmetRequirement u = new UnmetRequirement(c, q.acceptedStates());
                    (u.missingData() ? missing : blockedBy).add(u);
                }
            }
            // Both lists are in code order already: the requirements are (a stable sort, so equal codes keep rule order).
            RuleInfo info = r.info();
            return new OfferingRuleCheck(info.id(), info.name(), r.strength(), fired.contains(info.id()), blockedBy, missing,
                r.fullyRead());
        }
    }
}
