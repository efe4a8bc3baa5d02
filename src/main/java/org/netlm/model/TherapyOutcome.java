package org.netlm.model;

/** Outcome of a treatment already given (the outcome with which the course ended, or its current one while it continues). */
public enum TherapyOutcome {
    PROGRESSION, STABLE, RESPONSE, INTOLERANCE,
    /** Given, outcome not recorded (model v2, V2-48): counts as listed, never read as PROGRESSION or INTOLERANCE. */
    UNKNOWN
}
