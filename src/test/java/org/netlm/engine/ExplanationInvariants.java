package org.netlm.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.netlm.catalog.Requirement;
import org.netlm.catalog.RuleCatalog;
import org.netlm.catalog.RuleInfo;
import org.netlm.explain.ExplanationText;
import org.netlm.model.Assessment;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.explanation.DerivedCriterion;
import org.netlm.model.explanation.FiredRule;
import org.netlm.model.explanation.LimitExplanation;
import org.netlm.model.explanation.OfferingRuleCheck;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;
import org.netlm.model.fact.StrengthLimit;

/**
 * What must hold between an assessment, its explanations, the rules that fired and the rule catalogue, for any
 * patient. Returns every violation found (empty when consistent), each naming the therapy or rule.
 */
final class ExplanationInvariants {
    private ExplanationInvariants() {
    }

    static List<String> violations(NetlmEngine engine, Assessment a) {
        List<String> out = new ArrayList<>();
        RuleCatalog catalog = engine.catalog();
        Set<String> fired = new HashSet<>(a.firedRules());
        Map<CriterionCode, Criterion> criteria = new EnumMap<>(CriterionCode.class);
        for (Criterion c : a.criteria()) {
            if (criteria.put(c.getCode(), c) != null) {
                out.add("criterion " + c.getCode() + " derived twice");
            }
        }
        for (CriterionCode code : CriterionCode.values()) {
            if (!criteria.containsKey(code)) {
                out.add("criterion " + code + " not derived");
            }
        }

        // The catalogue's reading of each rule agrees with what the engine did: a rule whose conditions are all
        // criterion requirements fires exactly when the patient's criteria satisfy them.
        for (RuleInfo r : catalog.rules()) {
            if (r.id() == null || !catalog.conditionsFullyRead(r)) {
                continue;
            }
            boolean satisfied = r.requirements().stream().allMatch(q -> criteria.containsKey(q.code())
                && q.acceptedBy(criteria.get(q.code()).getState()));
            if (satisfied != fired.contains(r.id())) {
                out.add("rule " + r.id() + ": requirements " + (satisfied ? "met" : "not met") + " but it "
                    + (fired.contains(r.id()) ? "fired" : "did not fire") + " " + r.requirements());
            }
        }

        if (!a.explanations().therapies().equals(Set.of(Therapy.values()))) {
            out.add("explanations do not cover every therapy: " + a.explanations().therapies());
        }
        for (Therapy t : Therapy.values()) {
            Optional<Recommendation> rec = a.recommendation(t);
            Optional<Why> why = a.why(t);
            Optional<WhyNot> whyNot = a.whyNot(t);
            if (rec.isPresent() != why.isPresent()) {
                out.add(t + ": recommendation " + rec.map(Recommendation::strength) + " but why " + why.isPresent());
            }
            boolean offered = rec.map(r -> r.strength().isOffered()).orElse(false);
            if (offered == whyNot.isPresent()) {
                out.add(t + ": offered=" + offered + " but why-not present=" + whyNot.isPresent());
            }
            why.ifPresent(w -> checkWhy(out, catalog, fired, criteria, rec.orElseThrow(), w));
            whyNot.ifPresent(w -> checkWhyNot(out, fired, rec.map(Recommendation::strength).orElse(null), w));
        }
        return out;
    }

    private static void checkWhy(List<String> out, RuleCatalog catalog, Set<String> fired, Map<CriterionCode, Criterion> criteria,
                                 Recommendation rec, Why w) {
        Therapy t = rec.therapy();
        if (w.strength() != rec.strength() || !w.deciding().ruleId().equals(rec.ruleId())) {
            out.add(t + ": why says " + w.strength() + " by " + w.deciding().ruleId() + ", recommendation " + rec.strength() + " by " + rec.ruleId());
        }
        if (w.deciding().strength() != rec.strength()
            && !(rec.strength() == Strength.CONSIDER && w.deciding().strength() == Strength.RECOMMENDED)) {
            out.add(t + ": deciding rule gave " + w.deciding().strength() + ", resolved " + rec.strength());
        }
        for (FiredRule r : w.rules()) {
            checkDerivation(out, catalog, fired, criteria, t, r);
        }
        Set<String> ruleIds = w.rules().stream().map(FiredRule::ruleId).collect(Collectors.toSet());
        for (Opinion o : rec.opinions()) {
            if (!ruleIds.contains(o.ruleId())) {
                out.add(t + ": opinion of " + o.ruleId() + " missing from the why");
            }
        }
        List<String> applied = w.limits().stream().filter(LimitExplanation::applied).map(l -> l.ruleId() + ": " + l.reason()).toList();
        if (!new HashSet<>(applied).equals(new HashSet<>(rec.limits()))) {
            out.add(t + ": applied limits " + applied + " differ from the recommendation's " + rec.limits());
        }
        if (w.upgradableByData() && (rec.strength() != Strength.CONSIDER
            || w.upgradeInputs().stream().anyMatch(c -> c.state() != CriterionState.UNKNOWN))) {
            out.add(t + ": upgradable by data but " + rec.strength() + " / " + w.upgradeInputs());
        }
    }

    /** A fired rule's derivation: it fired, matched exactly the criteria it requires, each in an accepted state, each derived by a fired rule. */
    private static void checkDerivation(List<String> out, RuleCatalog catalog, Set<String> fired, Map<CriterionCode, Criterion> criteria,
                                        Therapy t, FiredRule r) {
        if (!fired.contains(r.ruleId())) {
            out.add(t + ": rule " + r.ruleId() + " explains it but did not fire");
        }
        Optional<RuleInfo> info = catalog.byId(r.ruleId());
        if (info.isEmpty()) {
            out.add(t + ": rule " + r.ruleId() + " is not in the catalogue");
            return;
        }
        for (DerivedCriterion c : r.matched()) {
            Criterion actual = criteria.get(c.code());
            if (actual == null || actual.getState() != c.state() || !actual.getBasis().equals(c.basis())) {
                out.add(t + ": " + r.ruleId() + " matched " + ExplanationText.criterion(c) + " but the patient has " + actual);
            }
            if (c.derivedBy() == null || !fired.contains(c.derivedBy())) {
                out.add(t + ": " + c.code() + " has no fired classification rule behind it (" + c.derivedBy() + ")");
            }
        }
        if (catalog.conditionsFullyRead(info.get())) {
            Set<CriterionCode> required = info.get().requirements().stream().map(Requirement::code).collect(Collectors.toSet());
            Set<CriterionCode> matched = r.matched().stream().map(DerivedCriterion::code).collect(Collectors.toSet());
            if (!required.equals(matched)) {
                out.add(t + ": " + r.ruleId() + " requires " + required + " but its derivation shows " + matched);
            }
            for (Requirement q : info.get().requirements()) {
                r.matched().stream().filter(c -> c.code() == q.code() && !q.acceptedBy(c.state()))
                    .forEach(c -> out.add(t + ": " + r.ruleId() + " matched " + ExplanationText.criterion(c) + " which " + ExplanationText.requirement(q) + " rejects"));
            }
        }
    }

    private static void checkWhyNot(List<String> out, Set<String> fired, Strength strength, WhyNot w) {
        Therapy t = w.therapy();
        if (w.strength() != strength) {
            out.add(t + ": why-not strength " + w.strength() + ", recommendation " + strength);
        }
        if (!w.hasReason()) {
            out.add(t + ": not offered, but the explanation gives no reason:\n" + ExplanationText.detail(w));
        }
        for (OfferingRuleCheck r : w.offeringRules()) {
            if (r.fired() != fired.contains(r.ruleId())) {
                out.add(t + ": " + r.ruleId() + " fired=" + r.fired() + " disagrees with the fired rules");
            }
            if (r.conditionsFullyRead() && r.fired() != (r.blockedBy().isEmpty() && r.missingInputs().isEmpty())) {
                out.add(t + ": " + r.ruleId() + " fired=" + r.fired() + " but blockedBy=" + r.blockedBy() + " missing=" + r.missingInputs());
            }
            r.blockedBy().stream().filter(u -> u.criterion().state() == CriterionState.UNKNOWN)
                .forEach(u -> out.add(t + ": " + r.ruleId() + " blocked by an UNKNOWN criterion " + u.code()));
        }
        if (w.unlockableByData() && (w.missingInputs().isEmpty() || !w.negativeRules().isEmpty() || !w.suppressions().isEmpty())) {
            out.add(t + ": unlockable by data, yet nothing is missing or something known stops it");
        }
        if (!w.blockedBy().isEmpty() && w.offeringRules().stream().anyMatch(r -> !r.blocked())) {
            out.add(t + ": blockedBy given although a rule is not blocked by anything known");
        }
        for (LimitExplanation l : w.limits()) {
            if (l.kind() == StrengthLimit.Kind.NOT_OFFERED && l.applied() && w.offeringRules().stream().noneMatch(OfferingRuleCheck::fired)) {
                out.add(t + ": NOT_OFFERED limit " + l.ruleId() + " applied although no offering rule fired");
            }
        }
    }
}
