package org.netlm.model;

/** Derived resectability of the liver disease. */
public enum Resectability {
    RESECTABLE, POTENTIALLY_RESECTABLE, UNRESECTABLE, UNKNOWN
}
