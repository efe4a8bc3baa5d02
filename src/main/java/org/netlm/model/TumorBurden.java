package org.netlm.model;

/** Liver tumour-burden class: LOW < 25 %, MODERATE 25-50 %, HIGH > 50 %. */
public enum TumorBurden {
    LOW, MODERATE, HIGH
}
