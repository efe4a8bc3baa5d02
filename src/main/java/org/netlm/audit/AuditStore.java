package org.netlm.audit;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail: every recommendation shown is recorded with the data and rules behind it, and clinicians'
 * accept/override decisions come back against the card they concern. Thread-safe; every write is atomic (all of
 * it or nothing), and a write that cannot be made throws {@link AuditUnavailableException}.
 *
 * <p>Open the JDBC implementation with {@link JdbcAuditStore#open(AuditConfig)}.
 */
public interface AuditStore extends AutoCloseable {

    /** The outcome of storing feedback. */
    enum FeedbackResult { STORED, UNKNOWN_CARD }

    /**
     * Records one call; returns its event id. The patient id is stored as its pseudonymous key (and raw only when
     * the configuration enables it); the input only when enabled.
     */
    long record(AuditEntry entry);

    /**
     * Records several calls in one transaction, all or nothing (a batch run records each group of lines this way, before
     * writing them out). An entry whose {@link AuditEntry#origin() origin} (run, line) is already stored is passed
     * over, so a resumed run that records a line again keeps one record of it. Returns how many entries were newly
     * stored; when it throws {@link AuditUnavailableException}, none of them was.
     */
    int recordAll(List<AuditEntry> entries);

    /** Stores a clinician's decision against the card it names; {@link FeedbackResult#UNKNOWN_CARD} when no card has that uuid. */
    FeedbackResult recordFeedback(Feedback feedback);

    /** Whether the store keeps the patient data as assessed (callers need not render them otherwise). */
    boolean storesInput();

    /**
     * Stores several decisions at once, all or nothing: when any names an unknown card, nothing is stored and the
     * unknown uuids are returned (in order); an empty list means every decision was stored.
     */
    List<String> recordFeedback(List<Feedback> feedback);

    /** The pseudonymous key this store gives {@code patientId} (what {@link #show} takes). */
    String patientKey(String patientId);

    /** What was recommended for the patient with this key, and when, with versions, cards and feedback; oldest first. */
    List<AuditEvent> show(String patientKey);

    /** Per rule and per therapy since {@code since} (everything when {@code null}): cards shown, accepted, overridden, top override reasons. */
    AuditReport report(Instant since);

    /** Deletes every event before {@code before} (with its recommendations, cards and feedback); returns how many events. */
    int purge(Instant before);

    /** Number of recorded events (for checks and reports). */
    long eventCount();

    @Override
    void close();
}
