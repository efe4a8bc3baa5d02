package org.netlm.model;

/** One rule's opinion on a therapy, kept on the resolved recommendation so that a reader sees every side. */
public record Opinion(Strength strength, String ruleId, String rationale) {
}
