package org.netlm.model;

/** State of a named eligibility criterion: MET, UNMET, or UNKNOWN (the data to decide it are missing). */
public enum CriterionState {
    MET, UNMET, UNKNOWN
}
