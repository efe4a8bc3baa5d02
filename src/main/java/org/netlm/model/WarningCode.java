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
    CONFLICTING_RECOMMENDATIONS,
    /** Model v2: the surgeon says resectable but the liver pattern is diffuse (type III). */
    RESECTABILITY_CONFLICT,
    /** Model v2: resectability cannot be judged (no liver pattern); systemic options capped at CONSIDER. */
    RESECTABILITY_UNKNOWN,
    /** Model v2: Child-Pugh B or C with liver tumour burden at most 50 %: work up other causes. */
    LIVER_DYSFUNCTION_UNEXPLAINED
}
