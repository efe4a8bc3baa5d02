package org.netlm.model.fact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.CriterionState;

/**
 * A derived fact: every criterion of one patient, inserted once by the classification layer after each criterion
 * rule has added its criterion to the {@link CriteriaCollector}. Recommendation rules match it with one pattern that
 * lists what they require, one condition per criterion:
 *
 * <pre>
 * Criteria( met(CriterionCode.NET),
 *           notMet(CriterionCode.SSTR_NEGATIVE),
 *           unknown(CriterionCode.KI67_KNOWN) )
 * </pre>
 *
 * Each method is one {@link CriterionPredicate} (the one vocabulary the catalogue and the explanations use too): a
 * condition on a criterion that no rule derived is false, whatever it asks (as a pattern on a missing fact would be).
 * Immutable.
 */
public final class Criteria {
    private static final CriterionCode[] CODES = CriterionCode.values();

    private final Criterion[] byCode = new Criterion[CODES.length];
    private final String[] derivedBy = new String[CODES.length];
    private final List<Criterion> all;

    Criteria(List<Criterion> criteria, List<String> derivedBy) {
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            int k = c.getCode().ordinal();
            if (byCode[k] == null) { // the first rule to derive a code wins; RuleCatalog reports a second one
                byCode[k] = c;
                this.derivedBy[k] = derivedBy.get(i);
            }
        }
        List<Criterion> sorted = new ArrayList<>(criteria.size());
        for (Criterion c : byCode) {
            if (c != null) {
                sorted.add(c);
            }
        }
        this.all = Collections.unmodifiableList(sorted);
    }

    /** The criteria of {@code criteria}, with no deriving rule recorded (for tests and callers outside a session). */
    public static Criteria of(List<Criterion> criteria) {
        return new Criteria(criteria, Collections.nCopies(criteria.size(), null));
    }

    /** {@link CriterionPredicate#MET}: {@code code} was derived as MET. */
    public boolean met(CriterionCode code) {
        return CriterionPredicate.MET.test(state(code));
    }

    /** {@link CriterionPredicate#UNMET}: {@code code} was derived as UNMET (known to be false). */
    public boolean unmet(CriterionCode code) {
        return CriterionPredicate.UNMET.test(state(code));
    }

    /** {@link CriterionPredicate#UNKNOWN}: {@code code} was derived as UNKNOWN (the data to decide it are missing). */
    public boolean unknown(CriterionCode code) {
        return CriterionPredicate.UNKNOWN.test(state(code));
    }

    /** {@link CriterionPredicate#NOT_MET}: {@code code} was derived and is not MET (UNMET or UNKNOWN). */
    public boolean notMet(CriterionCode code) {
        return CriterionPredicate.NOT_MET.test(state(code));
    }

    /** {@link CriterionPredicate#NOT_UNMET}: {@code code} was derived and is not UNMET (MET or UNKNOWN). */
    public boolean notUnmet(CriterionCode code) {
        return CriterionPredicate.NOT_UNMET.test(state(code));
    }

    /** Whether {@code code} satisfies {@code predicate} (false when no rule derived it, see {@link CriterionPredicate}). */
    public boolean satisfies(CriterionCode code, CriterionPredicate predicate) {
        return predicate.test(state(code));
    }

    /** The criterion for {@code code}, or {@code null} when no rule derived it. */
    public Criterion get(CriterionCode code) {
        return byCode[code.ordinal()];
    }

    /** The {@code @id} of the rule that derived {@code code}, or {@code null} (not derived, or not recorded). */
    public String derivedBy(CriterionCode code) {
        return derivedBy[code.ordinal()];
    }

    /** Every derived criterion, in {@link CriterionCode} order. */
    public List<Criterion> all() {
        return all;
    }

    /** The state of {@code code}, or {@code null} when no rule derived it. */
    public CriterionState state(CriterionCode code) {
        Criterion c = byCode[code.ordinal()];
        return c == null ? null : c.getState();
    }

    @Override
    public String toString() {
        return "Criteria" + all;
    }
}
