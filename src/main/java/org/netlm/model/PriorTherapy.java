package org.netlm.model;

import java.util.Objects;

/** A treatment already given and its outcome. Immutable. */
public final class PriorTherapy {
    private final Therapy therapy;
    private final TherapyOutcome outcome;

    /**
     * A treatment already given.
     *
     * @param therapy the therapy given
     * @param outcome how it ended, or its current outcome while it continues
     */
    public PriorTherapy(Therapy therapy, TherapyOutcome outcome) {
        this.therapy = therapy;
        this.outcome = outcome;
    }

    /**
     * A treatment already given.
     *
     * @param therapy the therapy given
     * @param outcome how it ended, or its current outcome while it continues
     * @return the prior therapy
     */
    public static PriorTherapy of(Therapy therapy, TherapyOutcome outcome) {
        return new PriorTherapy(therapy, outcome);
    }

    /** {@return the therapy given} */
    public Therapy getTherapy() {
        return therapy;
    }

    /** {@return how the therapy ended, or its current outcome while it continues} */
    public TherapyOutcome getOutcome() {
        return outcome;
    }

    /** {@return whether the therapy failed: progression on it, or intolerance of it} */
    public boolean isFailure() {
        return outcome == TherapyOutcome.PROGRESSION || outcome == TherapyOutcome.INTOLERANCE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriorTherapy p && therapy == p.therapy && outcome == p.outcome;
    }

    @Override
    public int hashCode() {
        return Objects.hash(therapy, outcome);
    }

    @Override
    public String toString() {
        return therapy + ":" + outcome;
    }
}
