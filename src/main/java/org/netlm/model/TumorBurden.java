package org.netlm.model;

/** Liver tumour-burden class, from the percentage of the liver replaced by tumour: LOW &lt; 25 %, MODERATE 25-50 %, HIGH &gt; 50 %. */
public enum TumorBurden {
    /** Less than 25 % of the liver volume. */
    LOW,
    /** 25 % to 50 % of the liver volume, both ends included. */
    MODERATE,
    /** More than 50 % of the liver volume. */
    HIGH
}
