package org.netlm.model;

/** RECIST status over the last 12 months; UNKNOWN counts as absent. */
public enum DiseaseStatus {
    STABLE, PROGRESSIVE, UNKNOWN
}
