package org.netlm.model;

/** Derived resectability of the liver disease. */
public enum Resectability {
    /** The liver disease can be removed completely with an adequate liver remnant. */
    RESECTABLE,
    /**
     * Resectable at most after downstaging or liver-volume augmentation: the future liver remnant is below 30 % (for
     * multifocal disease also when it is not known), or a reported type III that the surgeon calls resectable.
     */
    POTENTIALLY_RESECTABLE,
    /** Not resectable (diffuse type III, or the surgeon says so). */
    UNRESECTABLE,
    /** No liver metastasis type is known, so resectability cannot be derived. */
    UNKNOWN
}
