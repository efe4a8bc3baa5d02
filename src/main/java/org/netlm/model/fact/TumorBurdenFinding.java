package org.netlm.model.fact;

import org.netlm.model.CriterionState;
import org.netlm.model.TumorBurden;

/** Derived fact: the tumour-burden class, {@code null} when the burden is not given. Immutable. */
public final class TumorBurdenFinding {
    private final TumorBurden burden;

    public TumorBurdenFinding(TumorBurden burden) {
        this.burden = burden;
    }

    public TumorBurden getBurden() {
        return burden;
    }

    /** MET when the class is one of {@code classes}, UNKNOWN when the burden is not given. */
    public CriterionState is(TumorBurden... classes) {
        return Tri.oneOf(burden, classes);
    }

    @Override
    public String toString() {
        return "TumorBurdenFinding[" + burden + "]";
    }
}
