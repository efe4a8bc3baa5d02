package org.netlm.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A clinician's decision on one card (CDS Hooks 2.0 feedback): accepted or overridden, with the override reason
 * ({@code coding} code, system and display) and an optional comment, at the time the EHR gives.
 */
public record Feedback(String cardUuid, Outcome outcome, String reasonCode, String reasonSystem, String reasonDisplay,
                       String comment, Instant outcomeTime) {
    /** The CDS Hooks feedback outcomes. */
    public enum Outcome {
        ACCEPTED, OVERRIDDEN;

        /** The outcome as CDS Hooks writes it ({@code accepted}, {@code overridden}). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Feedback {
        Objects.requireNonNull(cardUuid, "cardUuid");
        Objects.requireNonNull(outcome, "outcome");
    }
}
