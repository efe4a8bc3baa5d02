package org.netlm.model;

/** WELL = neuroendocrine tumour (NET), POOR = neuroendocrine carcinoma (NEC). */
public enum Differentiation {
    WELL, POOR
}
