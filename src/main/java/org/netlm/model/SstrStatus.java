package org.netlm.model;

/** Somatostatin-receptor imaging result; UNKNOWN counts as absent. */
public enum SstrStatus {
    POSITIVE, NEGATIVE, UNKNOWN
}
