package org.netlm.model;

/** State of a named eligibility criterion: MET, UNMET, or UNKNOWN (the data to decide it are missing). */
public enum CriterionState {
    /** The data show the criterion holds. */
    MET,
    /** The data show the criterion does not hold. */
    UNMET,
    /** The data needed to decide the criterion are missing. */
    UNKNOWN
}
