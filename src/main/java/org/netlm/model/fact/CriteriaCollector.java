package org.netlm.model.fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kie.api.runtime.rule.RuleContext;
import org.netlm.model.Criterion;

/**
 * The global {@code criteria} of the classification layer ({@code global CriteriaCollector criteria;}): each criterion
 * rule adds its {@link Criterion} here ({@code criteria.add(kcontext, Criterion.of(...))}) instead of inserting a fact
 * per criterion, and the rule {@code CLASS-CRIT-ALL} then inserts the finished {@link Criteria} for the recommendation
 * rules. The engine sets a fresh collector before every patient; it is never a fact and never part of an assessment.
 */
public final class CriteriaCollector {
    private final List<Criterion> criteria = new ArrayList<>(64);
    private final List<String> derivedBy = new ArrayList<>(64);
    private boolean completed;

    /**
     * Adds the criterion derived by the rule firing in {@code kcontext}.
     *
     * @throws IllegalStateException when the criteria were already gathered ({@link #complete()}): a criterion rule
     *                               that fires that late would be missing from {@link Criteria} without a word
     */
    public void add(RuleContext kcontext, Criterion criterion) {
        Objects.requireNonNull(criterion, "criterion");
        String rule = kcontext == null ? null : RuleId.of(kcontext);
        if (completed) {
            throw new IllegalStateException("criterion " + criterion.getCode() + " was added by rule " + rule
                + " after the criteria were gathered into the Criteria fact: a criterion rule may match only the patient, "
                + "the findings and the collector");
        }
        criteria.add(criterion);
        derivedBy.add(rule);
    }

    /** The criteria added so far, as the immutable fact the recommendation rules match; no criterion can be added after. */
    public Criteria complete() {
        completed = true;
        return new Criteria(criteria, derivedBy);
    }

    @Override
    public String toString() {
        return "CriteriaCollector(" + criteria.size() + " criteria)";
    }
}
