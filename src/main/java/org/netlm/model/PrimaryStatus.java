package org.netlm.model;

/** Status of the primary tumour; UNKNOWN counts as absent. */
public enum PrimaryStatus {
    IN_SITU, RESECTED, UNKNOWN
}
