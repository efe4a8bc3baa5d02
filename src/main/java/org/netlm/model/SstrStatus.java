package org.netlm.model;

/** Somatostatin-receptor imaging result; UNKNOWN counts as absent. */
public enum SstrStatus {
    /** Somatostatin-receptor expression shown on imaging (e.g. 68Ga-DOTATATE PET): a condition for PRRT. */
    POSITIVE,
    /** No somatostatin-receptor expression on imaging. */
    NEGATIVE,
    /** Not known; treated as if the field were absent. */
    UNKNOWN
}
