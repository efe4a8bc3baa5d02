package org.netlm.model;

import java.util.Objects;

/** A treatment already given and its outcome. Immutable. */
public final class PriorTherapy {
    private final Therapy therapy;
    private final TherapyOutcome outcome;

    public PriorTherapy(Therapy therapy, TherapyOutcome outcome) {
        this.therapy = therapy;
        this.outcome = outcome;
    }

    public static PriorTherapy of(Therapy therapy, TherapyOutcome outcome) {
        return new PriorTherapy(therapy, outcome);
    }

    public Therapy getTherapy() {
        return therapy;
    }

    public TherapyOutcome getOutcome() {
        return outcome;
    }

    /** Progression on, or intolerance of, this therapy: it failed. */
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
