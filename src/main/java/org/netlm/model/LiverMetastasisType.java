package org.netlm.model;

/** Frilling 2014 pattern: simple (I), complex (II), diffuse (III). */
public enum LiverMetastasisType {
    /** Simple: a single metastasis, or lesions confined to one lobe. */
    TYPE_I,
    /** Complex: a dominant mass with smaller deposits in both lobes. */
    TYPE_II,
    /** Diffuse: disseminated metastases in both lobes. */
    TYPE_III
}
