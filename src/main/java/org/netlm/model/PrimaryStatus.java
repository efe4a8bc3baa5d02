package org.netlm.model;

/** Status of the primary tumour; UNKNOWN counts as absent. */
public enum PrimaryStatus {
    /** The primary tumour is still in place. */
    IN_SITU,
    /** The primary tumour has been removed. */
    RESECTED,
    /** Not known; treated as if the field were absent. */
    UNKNOWN
}
