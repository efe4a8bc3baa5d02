package org.netlm.model.fact;

import org.netlm.model.CriterionState;
import org.netlm.model.Resectability;

/** Derived fact: resectability of the liver disease. Immutable. */
public final class ResectabilityFinding {
    private final Resectability value;

    public ResectabilityFinding(Resectability value) {
        this.value = value;
    }

    public Resectability getValue() {
        return value;
    }

    /** MET when the value is one of {@code values}, UNKNOWN when resectability is UNKNOWN. */
    public CriterionState is(Resectability... values) {
        return value == null || value == Resectability.UNKNOWN ? CriterionState.UNKNOWN : Tri.oneOf(value, values);
    }

    @Override
    public String toString() {
        return "ResectabilityFinding[" + value + "]";
    }
}
