package org.netlm.model;

/** RECIST status over the last 12 months; UNKNOWN counts as absent. */
public enum DiseaseStatus {
    /** No progression by RECIST over the last 12 months. */
    STABLE,
    /** Progression by RECIST over the last 12 months. */
    PROGRESSIVE,
    /** Not known; treated as if the field were absent. */
    UNKNOWN
}
