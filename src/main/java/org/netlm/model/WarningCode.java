package org.netlm.model;

/** Warning codes of the decision model (section 3). */
public enum WarningCode {
    NEC_OUT_OF_SCOPE,
    FUNCTIONAL_TUMOR,
    GRADE_UNKNOWN,
    GRADE_KI67_MISMATCH,
    LIVER_TYPE_DERIVED,
    LIVER_TYPE_UNKNOWN,
    FITNESS_UNKNOWN,
    SSTR_STATUS_UNKNOWN,
    DISEASE_STATUS_UNKNOWN,
    EXTRAHEPATIC_UNKNOWN,
    CONFLICTING_RECOMMENDATIONS
}
