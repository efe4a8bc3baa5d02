package org.netlm.model;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Working fact of the classification layer: each criterion rule adds its {@link Criterion} here
 * ({@code $criteria.add(kcontext, Criterion.of(...))}) instead of inserting a fact per criterion, and one rule then
 * inserts the finished {@link Criteria} for the recommendation rules. No rule may constrain on its contents (they
 * change without the engine being told); it is never part of an assessment. One per session.
 */
public final class CriteriaCollector {
    private final List<Criterion> criteria = new ArrayList<>(64);
    private final List<String> derivedBy = new ArrayList<>(64);

    /** Adds the criterion derived by the rule firing in {@code kcontext}. */
    public void add(RuleContext kcontext, Criterion criterion) {
        criteria.add(java.util.Objects.requireNonNull(criterion, "criterion"));
        derivedBy.add(kcontext == null ? null : Candidate.RuleMeta.id(kcontext));
    }

    /** The criteria added so far, as the immutable fact the recommendation rules match. */
    public Criteria complete() {
        return new Criteria(criteria, derivedBy);
    }

    @Override
    public String toString() {
        return "CriteriaCollector(" + criteria.size() + " criteria)";
    }
}
