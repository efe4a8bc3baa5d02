package org.netlm.model;

/** Outcome of a treatment already given (the outcome with which the course ended, or its current one while it continues). */
public enum TherapyOutcome {
    /** The disease progressed on or after the therapy: it is not offered again. */
    PROGRESSION,
    /** The disease was stable on the therapy. */
    STABLE,
    /** The disease responded to the therapy. */
    RESPONSE,
    /** The therapy was stopped because it was not tolerated: it is not offered again. */
    INTOLERANCE,
    /** Given, outcome not recorded (model v2, V2-48): counts as listed, never read as PROGRESSION or INTOLERANCE. */
    UNKNOWN
}
