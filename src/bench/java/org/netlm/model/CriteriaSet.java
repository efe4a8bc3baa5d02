package org.netlm.model;

import java.util.Collection;
import java.util.EnumMap;

/** EXPERIMENT: every criterion of one patient in one fact. */
public final class CriteriaSet {
    private final CriterionState[] states = new CriterionState[CriterionCode.values().length];

    public static CriteriaSet of(Collection<?> criteria) {
        CriteriaSet s = new CriteriaSet();
        for (Object o : criteria) {
            Criterion c = (Criterion) o;
            s.states[c.getCode().ordinal()] = c.getState();
        }
        return s;
    }

    public boolean met(CriterionCode c) { return states[c.ordinal()] == CriterionState.MET; }
    public boolean unmet(CriterionCode c) { return states[c.ordinal()] == CriterionState.UNMET; }
    public boolean unknown(CriterionCode c) { return states[c.ordinal()] == CriterionState.UNKNOWN; }
    public boolean notMet(CriterionCode c) { CriterionState s = states[c.ordinal()]; return s != null && s != CriterionState.MET; }
    public boolean notUnmet(CriterionCode c) { CriterionState s = states[c.ordinal()]; return s != null && s != CriterionState.UNMET; }
}
