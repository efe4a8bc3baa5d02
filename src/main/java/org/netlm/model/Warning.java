package org.netlm.model;

/** A warning in the assessment: a code of the decision model and a message for the reader. */
public record Warning(WarningCode code, String message) {
}
