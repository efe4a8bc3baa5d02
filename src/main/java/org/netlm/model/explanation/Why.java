package org.netlm.model.explanation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.netlm.model.CriterionCode;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * Why a therapy has the strength it has: built from the rules' own execution (the rules that fired, the
 * criteria they matched, the classification rules behind those criteria, and the limits the resolution
 * applied). There is one for every resolved {@link Recommendation}, NOT_RECOMMENDED and CONTRAINDICATED included.
 *
 * @param therapy       the therapy
 * @param strength      the resolved strength (as in the recommendation)
 * @param deciding      the rule whose opinion won (its own strength may be RECOMMENDED when a cap made it CONSIDER)
 * @param contributing  every other rule that gave an opinion on the therapy, sorted by rule id
 * @param limits        the limits set on the therapy, sorted by rule id ({@link LimitExplanation#applied()} tells
 *                      whether each changed the outcome)
 * @param upgradeInputs for a CONSIDER only: UNKNOWN criteria whose data could make it RECOMMENDED (the cause of an
 *                      "at most CONSIDER" cap that is only there for want of data, e.g. PRRT while SSTR status is
 *                      unknown, or a missing input of a RECOMMENDED rule that nothing known blocks); sorted by code
 */
public record Why(Therapy therapy, Strength strength, FiredRule deciding, List<FiredRule> contributing,
                  List<LimitExplanation> limits, List<DerivedCriterion> upgradeInputs) {
    public Why {
        Objects.requireNonNull(therapy, "therapy");
        Objects.requireNonNull(strength, "strength");
        Objects.requireNonNull(deciding, "deciding");
        contributing = List.copyOf(contributing);
        limits = List.copyOf(limits);
        upgradeInputs = List.copyOf(upgradeInputs);
    }

    /** True for a CONSIDER that data for {@link #upgradeInputs()} could make RECOMMENDED. */
    public boolean upgradableByData() {
        return !upgradeInputs.isEmpty();
    }

    /** The deciding rule followed by the contributing ones. */
    public List<FiredRule> rules() {
        List<FiredRule> all = new ArrayList<>();
        all.add(deciding);
        all.addAll(contributing);
        return all;
    }

    /**
     * The criteria behind the resolved strength: those matched by the deciding rule and by every contributing rule
     * on the same side (offering rules for an offer, NOT_RECOMMENDED/CONTRAINDICATED rules otherwise).
     */
    public Set<CriterionCode> supportingCriteria() {
        Set<CriterionCode> out = EnumSet.noneOf(CriterionCode.class);
        for (FiredRule r : rules()) {
            if (r.strength().isOffered() == strength.isOffered()) {
                r.matched().forEach(c -> out.add(c.code()));
            }
        }
        return out;
    }

    /** The input fields that could make a CONSIDER RECOMMENDED, sorted, without duplicates. */
    public List<String> upgradeInputFields() {
        return upgradeInputs.stream().flatMap(c -> c.inputFields().stream()).distinct().sorted().toList();
    }
}
