package org.netlm.audit;

import java.time.Instant;
import java.util.List;

/**
 * What clinicians did with the cards, for rule authors: per rule and per therapy, how often cards were shown,
 * accepted and overridden, and the most frequent override reasons.
 *
 * @param since  start of the period, or {@code null} for everything
 * @param events calls recorded in the period
 * @param byRule rows keyed by rule id (cards without a rule are under {@code "-"})
 * @param byTherapy rows keyed by therapy (cards about the patient as a whole are under {@code "-"})
 */
public record AuditReport(Instant since, long events, List<Row> byRule, List<Row> byTherapy) {
    /** How many times to list the most frequent override reasons. */
    public static final int TOP_REASONS = 3;

    public AuditReport {
        byRule = List.copyOf(byRule);
        byTherapy = List.copyOf(byTherapy);
    }

    /** One rule or therapy: cards shown, cards accepted, cards overridden, and the top override reasons. */
    public record Row(String key, long shown, long accepted, long overridden, List<ReasonCount> topOverrideReasons) {
        public Row {
            topOverrideReasons = List.copyOf(topOverrideReasons);
        }

        /** Share of shown cards that were overridden (0 when none shown). */
        public double overrideRate() {
            return shown == 0 ? 0 : (double) overridden / shown;
        }
    }

    /** An override reason (its display text, or its code when no text was sent) and how often it was given. */
    public record ReasonCount(String reason, long count) {
    }
}
