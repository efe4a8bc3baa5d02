package org.netlm.model;

/** Warning codes of the decision model (section 3). */
public enum WarningCode {
    /** Poorly differentiated (NEC): outside the NET recommendations of the model. */
    NEC_OUT_OF_SCOPE,
    /** Functional tumour: the model addresses non-functional NETs; control the hormonal syndrome. */
    FUNCTIONAL_TUMOR,
    /** No grade, no Ki-67 and no mitotic count: grade-dependent therapies are not offered. */
    GRADE_UNKNOWN,
    /** The grade measured from Ki-67 or mitoses differs from the reported grade: ask pathology. */
    GRADE_KI67_MISMATCH,
    /** The liver metastasis type was derived from lesion data: confirm on imaging. */
    LIVER_TYPE_DERIVED,
    /** No liver metastasis type was reported or could be derived. */
    LIVER_TYPE_UNKNOWN,
    /** ECOG or Child-Pugh is missing: fitness for surgery assumed. */
    FITNESS_UNKNOWN,
    /** Somatostatin-receptor status missing or unknown (NETs). */
    SSTR_STATUS_UNKNOWN,
    /** Disease status (stable or progressive) missing or unknown. */
    DISEASE_STATUS_UNKNOWN,
    /** Whether there is extrahepatic disease is not recorded. */
    EXTRAHEPATIC_UNKNOWN,
    /** A therapy some rule recommends is withheld by a limit, contraindication or NOT_RECOMMENDED rule. */
    CONFLICTING_RECOMMENDATIONS,
    /** Model v2: the surgeon says resectable but the liver pattern is diffuse (type III). */
    RESECTABILITY_CONFLICT,
    /** Model v2: resectability cannot be judged (no liver pattern); systemic options capped at CONSIDER. */
    RESECTABILITY_UNKNOWN,
    /** Model v2: Child-Pugh B or C with liver tumour burden at most 50 %: work up other causes. */
    LIVER_DYSFUNCTION_UNEXPLAINED
}
