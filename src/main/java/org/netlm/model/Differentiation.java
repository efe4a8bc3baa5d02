package org.netlm.model;

/** WELL = neuroendocrine tumour (NET), POOR = neuroendocrine carcinoma (NEC). */
public enum Differentiation {
    /** Well differentiated: a neuroendocrine tumour (NET), graded G1 to G3. */
    WELL,
    /** Poorly differentiated: a neuroendocrine carcinoma (NEC), outside the NET recommendations. */
    POOR
}
