package org.netlm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.Assessment;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.testing.Patients;

/**
 * What every audit store must do, run against the embedded H2 default ({@link H2AuditStoreTest}) and a real
 * PostgreSQL server ({@link PostgresAuditStoreTest}).
 */
abstract class AuditStoreContract {
    static final String SECRET = "test-secret-0123456789";
    static final NetlmEngine ENGINE = NetlmEngine.withDefaultRules();

    AuditStore store;

    /** A fresh, empty store with this configuration tweak. */
    abstract AuditStore open(boolean storeIds, boolean storeInput);

    @BeforeEach
    void openStore() {
        store = open(false, false);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static AuditEntry entry(String patientId, Instant time, String... cardUuids) {
        Assessment a = ENGINE.assess(Patients.resectableG2(patientId));
        AuditEntry.Builder b = AuditEntry.builder().time(time).service("netlm-liver-metastases").hook("patient-view")
            .assessment(a).knowledgeVersion("2.0.0").inputJson("{\"id\":\"" + patientId + "\"}");
        for (String uuid : cardUuids) {
            var r = a.recommendations().get(0);
            b.card(new AuditEntry.Card(uuid, "info", r.strength() + " " + r.therapy(), r.therapy(), r.strength(), r.ruleId()));
        }
        return b.build();
    }

    @Test
    void concurrentCallsRecordedThroughGroupCommitAreEachStoredOnceInFewerTransactions() throws Exception {
        AtomicInteger transactions = new AtomicInteger();
        GroupCommit commit = new GroupCommit(entries -> {
            transactions.incrementAndGet();
            store.recordAll(entries);
        });
        int threads = 8;
        int each = 25;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(callers.submit(() -> {
                for (int i = 0; i < each; i++) {
                    commit.record(entry("GC-" + thread + "-" + i, Instant.parse("2026-03-02T10:15:30Z"), "gc-" + thread + "-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        callers.shutdown();
        assertThat(store.eventCount()).isEqualTo((long) threads * each);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                String card = "gc-" + t + "-" + i;
                assertThat(store.show(store.patientKey("GC-" + t + "-" + i))).singleElement()
                    .satisfies(ev -> assertThat(ev.cards()).extracting(c -> c.card().uuid()).containsExactly(card));
            }
        }
        assertThat(transactions.get()).as("transactions for %d calls", threads * each).isLessThan(threads * each);
    }

    @Test
    void aRecordedCallIsShownWithItsVersionsRecommendationsAndCardsUnderThePseudonymousKey() {
        Instant t = Instant.parse("2026-03-02T10:15:30Z");
        AuditEntry e = entry("MRN-0042", t, "card-1");
        store.record(e);

        String key = store.patientKey("MRN-0042");
        assertThat(key).startsWith("pk-").doesNotContain("0042");
        List<AuditEvent> events = store.show(key);
        assertThat(events).singleElement().satisfies(ev -> {
            assertThat(ev.time()).isEqualTo(t);
            assertThat(ev.service()).isEqualTo("netlm-liver-metastases");
            assertThat(ev.hook()).isEqualTo("patient-view");
            assertThat(ev.knowledgeVersion()).isEqualTo("2.0.0");
            assertThat(ev.rulesetVersion()).isEqualTo(e.rulesetVersion());
            assertThat(ev.recommendations()).isEqualTo(e.recommendations());
            assertThat(ev.cards()).extracting(AuditEvent.ShownCard::card).containsExactlyElementsOf(e.cards());
            assertThat(ev.patientId()).as("raw id off by default").isNull();
            assertThat(ev.inputJson()).as("input off by default").isNull();
        });
    }

    @Test
    void theRawIdAndTheInputAreKeptOnlyWhenEnabled() {
        store.close();
        store = open(true, true);
        store.record(entry("MRN-7", Instant.now()));
        assertThat(store.show(store.patientKey("MRN-7"))).singleElement().satisfies(ev -> {
            assertThat(ev.patientId()).isEqualTo("MRN-7");
            assertThat(ev.inputJson()).isEqualTo("{\"id\":\"MRN-7\"}");
        });
    }

    @Test
    void feedbackIsStoredAgainstItsCardAndAnUnknownCardIsSaidSo() {
        store.record(entry("p1", Instant.now(), "c-accept", "c-override"));
        assertThat(store.recordFeedback(new Feedback("c-accept", Feedback.Outcome.ACCEPTED, null, null, null, null,
            Instant.parse("2026-03-02T10:20:00Z")))).isEqualTo(AuditStore.FeedbackResult.STORED);
        assertThat(store.recordFeedback(new Feedback("c-override", Feedback.Outcome.OVERRIDDEN, "patient-declined",
            "https://example.org/reasons", "Patient declined", "prefers surveillance", Instant.now())))
            .isEqualTo(AuditStore.FeedbackResult.STORED);
        assertThat(store.recordFeedback(new Feedback("no-such-card", Feedback.Outcome.ACCEPTED, null, null, null, null, null)))
            .isEqualTo(AuditStore.FeedbackResult.UNKNOWN_CARD);

        List<AuditEvent.ShownCard> cards = store.show(store.patientKey("p1")).get(0).cards();
        assertThat(cards).filteredOn(c -> c.card().uuid().equals("c-override")).singleElement()
            .satisfies(c -> assertThat(c.feedback()).singleElement().satisfies(f -> {
                assertThat(f.outcome()).isEqualTo(Feedback.Outcome.OVERRIDDEN);
                assertThat(f.reasonDisplay()).isEqualTo("Patient declined");
                assertThat(f.comment()).isEqualTo("prefers surveillance");
            }));
    }

    @Test
    void severalDecisionsAreStoredAllOrNothing() {
        store.record(entry("p2", Instant.now(), "a1", "a2"));
        List<Feedback> withUnknown = List.of(new Feedback("a1", Feedback.Outcome.ACCEPTED, null, null, null, null, null),
            new Feedback("ghost", Feedback.Outcome.ACCEPTED, null, null, null, null, null));
        assertThat(store.recordFeedback(withUnknown)).containsExactly("ghost");
        assertThat(store.show(store.patientKey("p2")).get(0).cards()).allSatisfy(c -> assertThat(c.feedback()).isEmpty());

        assertThat(store.recordFeedback(List.of(new Feedback("a1", Feedback.Outcome.ACCEPTED, null, null, null, null, null),
            new Feedback("a2", Feedback.Outcome.OVERRIDDEN, "x", null, null, null, null)))).isEmpty();
        assertThat(store.show(store.patientKey("p2")).get(0).cards()).allSatisfy(c -> assertThat(c.feedback()).hasSize(1));
    }

    @Test
    void theReportCountsShownAcceptedAndOverriddenCardsPerRuleAndTherapyWithTheTopReasons() {
        Instant old = Instant.now().minus(30, ChronoUnit.DAYS);
        store.record(entry("old", old, "old-card"));
        for (int i = 0; i < 4; i++) {
            store.record(entry("p" + i, Instant.now(), "card-" + i));
        }
        store.recordFeedback(new Feedback("card-0", Feedback.Outcome.ACCEPTED, null, null, null, null, null));
        store.recordFeedback(new Feedback("card-1", Feedback.Outcome.OVERRIDDEN, "r1", null, "Not fit", null, null));
        store.recordFeedback(new Feedback("card-2", Feedback.Outcome.OVERRIDDEN, "r1", null, "Not fit", null, null));
        store.recordFeedback(new Feedback("card-3", Feedback.Outcome.OVERRIDDEN, "r2", null, null, null, null));

        Assessment a = ENGINE.assess(Patients.resectableG2("x"));
        String rule = a.recommendations().get(0).ruleId();
        String therapy = a.recommendations().get(0).therapy().name();

        AuditReport all = store.report(null);
        assertThat(all.events()).isEqualTo(5);
        assertThat(all.byRule()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(rule);
            assertThat(r.shown()).isEqualTo(5);
            assertThat(r.accepted()).isEqualTo(1);
            assertThat(r.overridden()).isEqualTo(3);
            assertThat(r.topOverrideReasons()).containsExactly(new AuditReport.ReasonCount("Not fit", 2),
                new AuditReport.ReasonCount("r2", 1));
        });
        assertThat(all.byTherapy()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(therapy));

        AuditReport recent = store.report(Instant.now().minus(1, ChronoUnit.DAYS));
        assertThat(recent.events()).isEqualTo(4);
        assertThat(recent.byRule().get(0).shown()).isEqualTo(4);
    }

    @Test
    void purgeDeletesOldEventsWithEverythingThatHangsOffThem() {
        store.record(entry("old", Instant.parse("2025-01-01T00:00:00Z"), "old-card"));
        store.recordFeedback(new Feedback("old-card", Feedback.Outcome.ACCEPTED, null, null, null, null, null));
        store.record(entry("new", Instant.parse("2026-06-01T00:00:00Z"), "new-card"));

        assertThat(store.purge(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(1);
        assertThat(store.eventCount()).isEqualTo(1);
        assertThat(store.show(store.patientKey("old"))).isEmpty();
        assertThat(store.recordFeedback(new Feedback("old-card", Feedback.Outcome.ACCEPTED, null, null, null, null, null)))
            .as("its cards went with it").isEqualTo(AuditStore.FeedbackResult.UNKNOWN_CARD);
        assertThat(store.show(store.patientKey("new"))).hasSize(1);
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        store.record(entry("p", Instant.now(), "dup"));
        long before = store.eventCount();
        // the second call reuses a card uuid: the card insert fails after the event row was written
        assertThatThrownBy(() -> store.record(entry("p", Instant.now(), "dup"))).isInstanceOf(AuditUnavailableException.class);
        assertThat(store.eventCount()).as("the event of the failed call was rolled back").isEqualTo(before);
        assertThat(store.show(store.patientKey("p"))).hasSize(1);
    }

    /** {@code entry(id)} as line {@code line} of batch run {@code run}. */
    static AuditEntry batchEntry(String run, long line, String patientId) {
        return AuditEntry.builder().service("cli").hook("batch").assessment(ENGINE.assess(Patients.resectableG2(patientId)))
            .origin(run, line).build();
    }

    @Test
    void manyCallsAreRecordedAtOnceWithTheirOriginAndTheAssessmentsKnowledgeVersion() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            entries.add(batchEntry("run-1", i, "b" + i));
        }
        assertThat(store.recordAll(entries)).isEqualTo(40);
        assertThat(store.eventCount()).isEqualTo(40);
        assertThat(store.show(store.patientKey("b7"))).singleElement().satisfies(ev -> {
            assertThat(ev.origin()).isEqualTo(new AuditEntry.Origin("run-1", 7));
            assertThat(ev.hook()).isEqualTo("batch");
            assertThat(ev.knowledgeVersion()).as("taken from the assessment").isEqualTo(ENGINE.knowledgeVersion()).isNotNull();
            assertThat(ev.recommendations()).isEqualTo(entries.get(6).recommendations()).isNotEmpty();
        });
    }

    @Test
    void aLineOfARunIsRecordedOnceHoweverOftenItIsRecordedAgain() {
        assertThat(store.recordAll(List.of(batchEntry("run-1", 1, "a"), batchEntry("run-1", 2, "b")))).isEqualTo(2);
        // a resumed run records lines 2 and 3; line 2 is passed over; the same line of another run is a new record
        assertThat(store.recordAll(List.of(batchEntry("run-1", 2, "b"), batchEntry("run-1", 3, "c"),
            batchEntry("run-2", 2, "b")))).isEqualTo(2);
        assertThat(store.eventCount()).isEqualTo(4);
        assertThat(store.show(store.patientKey("b"))).extracting(AuditEvent::origin)
            .containsExactlyInAnyOrder(new AuditEntry.Origin("run-1", 2), new AuditEntry.Origin("run-2", 2));
    }

    @Test
    void manyCallsAreRecordedAllOrNothing() {
        store.record(entry("p", Instant.now(), "taken"));
        long before = store.eventCount();
        // the third call's card uuid is taken: the whole group is rolled back
        List<AuditEntry> group = List.of(batchEntry("run-1", 1, "x"), batchEntry("run-1", 2, "y"), entry("z", Instant.now(), "taken"));
        assertThatThrownBy(() -> store.recordAll(group)).isInstanceOf(AuditUnavailableException.class);
        assertThat(store.eventCount()).isEqualTo(before);
        assertThat(store.show(store.patientKey("x"))).isEmpty();
        assertThat(store.recordAll(group.subList(0, 2))).as("and can be recorded later").isEqualTo(2);
    }

    @Test
    void sixteenConcurrentWritersLoseNoRecord() throws Exception {
        int writers = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.record(entry("w" + writer, Instant.now(), UUID.randomUUID().toString()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.eventCount()).isEqualTo((long) writers * each);
        for (int w = 0; w < writers; w++) {
            assertThat(store.show(store.patientKey("w" + w))).hasSize(each)
                .allSatisfy(ev -> assertThat(ev.cards()).hasSize(1));
        }
    }
}
