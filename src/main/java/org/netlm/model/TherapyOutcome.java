package org.netlm.model;

/** Outcome of a treatment already given. */
public enum TherapyOutcome {
    PROGRESSION, STABLE, RESPONSE, INTOLERANCE
}
