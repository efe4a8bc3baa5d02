package org.netlm.audit;

import java.time.Instant;
import java.util.List;

/**
 * One recorded call as {@link AuditStore#show} returns it.
 *
 * @param patientId the raw id, or {@code null} when the store keeps only the key
 * @param inputJson the patient as assessed, or {@code null} when the store does not keep it
 * @param cards     the cards shown, each with the clinicians' feedback on it
 * @param origin    the batch run and input line, or {@code null} for a service call or {@code evaluate}
 */
public record AuditEvent(long id, Instant time, String service, String hook, String patientKey, String patientId,
                         String knowledgeVersion, String rulesetVersion, String inputJson,
                         List<AuditEntry.RecommendationRow> recommendations, List<ShownCard> cards,
                         AuditEntry.Origin origin) {
    public AuditEvent {
        recommendations = List.copyOf(recommendations);
        cards = List.copyOf(cards);
    }

    /** A card as shown, with the feedback received on it (oldest first). */
    public record ShownCard(AuditEntry.Card card, List<Feedback> feedback) {
        public ShownCard {
            feedback = List.copyOf(feedback);
        }
    }
}
