package org.netlm.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.fact.StrengthLimit;

/**
 * What the rule folder says about one rule, read from its DRL text (not from the compiled base), so that
 * catalogues, hygiene checks and why-not explanations follow the rules as written.
 *
 * @param id            {@code @id}
 * @param name          the rule's name (its clinical sentence)
 * @param file          file, relative to the rule folder
 * @param line          line of the {@code rule} keyword
 * @param layer         the folder (validation, classification, recommendation, resolution)
 * @param evidenceKeys  {@code @evidence} keys
 * @param comment       the {@code //} comment above the rule (its clinical meaning)
 * @param offers        what its candidates say, as declared by {@code @offers("THERAPY:STRENGTH, …")} (checked against
 *                      the consequence); empty for a rule that inserts no candidate
 * @param limits        the limits it sets, as declared by {@code @limits("THERAPY:KIND, …")}; empty for a rule that
 *                      sets none
 * @param requirements  the criteria its conditions ask for
 * @param conditions    its other conditions as written, one per pattern (e.g. {@code PatientCase( grade == null )}),
 *                      and for a criterion rule the state it derives (e.g. {@code LOW_PROLIFERATION: ki67Percent ≤ 10 …}),
 *                      with getters read as field names and the {@code Tri} comparisons as symbols
 */
public record RuleInfo(String id, String name, String file, int line, String layer, List<String> evidenceKeys,
                       String comment, List<Offer> offers, List<Limit> limits, List<Requirement> requirements,
                       List<String> conditions) {
    /**
     * One therapy and the strength a rule's candidate gives it, e.g. {@code PRRT:RECOMMENDED}.
     *
     * @param therapy  the therapy
     * @param strength the strength the candidate gives it
     */
    public record Offer(Therapy therapy, Strength strength) {
        /**
         * Checks that both parts are given.
         * @param therapy the therapy offered
         * @param strength the strength the candidate gives it
         * @throws NullPointerException when either is null
         */
        public Offer {
            Objects.requireNonNull(therapy, "therapy");
            Objects.requireNonNull(strength, "strength");
        }

        @Override
        public String toString() {
            return therapy + ":" + strength;
        }
    }

    /**
     * One therapy and the limit a rule sets on it, e.g. {@code SURGERY:AT_MOST_CONSIDER}.
     *
     * @param therapy the therapy
     * @param kind    how the limit caps or withholds it
     */
    public record Limit(Therapy therapy, StrengthLimit.Kind kind) {
        /**
         * Checks that both parts are given.
         * @param therapy the therapy limited
         * @param kind how the limit caps or withholds it
         * @throws NullPointerException when either is null
         */
        public Limit {
            Objects.requireNonNull(therapy, "therapy");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String toString() {
            return therapy + ":" + kind;
        }
    }

    /**
     * Copies the lists.
     * @param id {@code @id}
     * @param name the rule's name (its clinical sentence)
     * @param file file, relative to the rule folder
     * @param line line of the {@code rule} keyword
     * @param layer the folder (validation, classification, recommendation, resolution)
     * @param evidenceKeys {@code @evidence} keys
     * @param comment the {@code //} comment above the rule (its clinical meaning)
     * @param offers what its candidates say, as declared by {@code @offers}
     * @param limits the limits it sets, as declared by {@code @limits}
     * @param requirements the criteria its conditions ask for
     * @param conditions its other conditions as written
     */
    public RuleInfo {
        evidenceKeys = List.copyOf(evidenceKeys);
        offers = List.copyOf(offers);
        limits = List.copyOf(limits);
        requirements = List.copyOf(requirements);
        conditions = List.copyOf(conditions);
    }

    /**
     * The strength this rule gives {@code therapy} when it offers it (RECOMMENDED or CONSIDER).
     * @param therapy a therapy
     * @return RECOMMENDED or CONSIDER, or empty when this rule does not offer it
     */
    public Optional<Strength> offering(Therapy therapy) {
        return offers.stream().filter(o -> o.therapy() == therapy && o.strength().isOffered()).map(Offer::strength).findFirst();
    }

    /**
     * True for a rule that offers some therapy (RECOMMENDED or CONSIDER).
     * @return whether any declared offer is RECOMMENDED or CONSIDER
     */
    public boolean offersAny() {
        return offers.stream().anyMatch(o -> o.strength().isOffered());
    }
}
