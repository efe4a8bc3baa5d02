package org.netlm.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.netlm.model.Assessment;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * What one call recorded: when, through which service and hook, for which patient (the raw id is turned into a
 * pseudonymous key by the store), with which rules, on what input (kept only when the configuration says so), what
 * was recommended, and which cards were shown. Built once with {@link #builder}.
 */
public final class AuditEntry {
    /** One recommendation as shown: therapy, strength and the rule that decided it. */
    public record RecommendationRow(Therapy therapy, Strength strength, String ruleId) {
        public RecommendationRow {
            Objects.requireNonNull(therapy, "therapy");
            Objects.requireNonNull(strength, "strength");
        }
    }

    /**
     * One card shown to a clinician. {@code therapy}, {@code strength} and {@code ruleId} are set for a card about
     * one recommendation and {@code null} for a card about the patient as a whole (e.g. missing data).
     */
    public record Card(String uuid, String indicator, String summary, Therapy therapy, Strength strength, String ruleId) {
        public Card {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(indicator, "indicator");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * Where a record of a batch run came from: the run (one id for an output, kept across {@code --resume}) and the
     * input line. The store keeps at most one record per origin, so recording a line again is harmless.
     */
    public record Origin(String run, long line) {
        public Origin {
            Objects.requireNonNull(run, "run");
            if (run.isBlank() || run.length() > MAX_RUN_LENGTH) {
                throw new IllegalArgumentException("run must have 1 to " + MAX_RUN_LENGTH + " characters");
            }
            if (line < 1) {
                throw new IllegalArgumentException("line must be at least 1, was " + line);
            }
        }
    }

    /** Longest {@link Origin#run()} the store keeps. */
    public static final int MAX_RUN_LENGTH = 64;

    private final Instant time;
    private final String service;
    private final String hook;
    private final String patientId;
    private final String knowledgeVersion;
    private final String rulesetVersion;
    private final String inputJson;
    private final List<RecommendationRow> recommendations;
    private final List<Card> cards;
    private final Origin origin;

    private AuditEntry(Builder b) {
        this.time = Objects.requireNonNull(b.time, "time");
        this.service = Objects.requireNonNull(b.service, "service");
        this.hook = Objects.requireNonNull(b.hook, "hook");
        this.patientId = Objects.requireNonNull(b.patientId, "patientId");
        this.knowledgeVersion = b.knowledgeVersion;
        this.rulesetVersion = Objects.requireNonNull(b.rulesetVersion, "rulesetVersion");
        this.inputJson = b.inputJson;
        this.recommendations = List.copyOf(b.recommendations);
        this.cards = List.copyOf(b.cards);
        this.origin = b.origin;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Instant time() {
        return time;
    }

    public String service() {
        return service;
    }

    public String hook() {
        return hook;
    }

    /** The raw patient id: the store keeps only its pseudonymous key unless raw ids are enabled. */
    public String patientId() {
        return patientId;
    }

    public String knowledgeVersion() {
        return knowledgeVersion;
    }

    public String rulesetVersion() {
        return rulesetVersion;
    }

    /** The patient as assessed (patient JSON), or {@code null}; stored only when the configuration enables it. */
    public String inputJson() {
        return inputJson;
    }

    public List<RecommendationRow> recommendations() {
        return recommendations;
    }

    public List<Card> cards() {
        return cards;
    }

    /** The batch run and input line this record came from, or {@code null} (a service call, {@code evaluate}). */
    public Origin origin() {
        return origin;
    }

    /** Builder; {@link #assessment} copies the patient id, versions and recommendations of an assessment. */
    public static final class Builder {
        private Instant time = Instant.now();
        private String service;
        private String hook;
        private String patientId;
        private String knowledgeVersion;
        private String rulesetVersion;
        private String inputJson;
        private final List<RecommendationRow> recommendations = new ArrayList<>();
        private final List<Card> cards = new ArrayList<>();
        private Origin origin;

        private Builder() {
        }

        public Builder time(Instant value) {
            this.time = value;
            return this;
        }

        /** Where the call came from, e.g. the CDS service id or {@code cli}. */
        public Builder service(String value) {
            this.service = value;
            return this;
        }

        /** The hook or command, e.g. {@code patient-view}, {@code order-sign}, {@code evaluate}. */
        public Builder hook(String value) {
            this.hook = value;
            return this;
        }

        public Builder patientId(String value) {
            this.patientId = value;
            return this;
        }

        public Builder knowledgeVersion(String value) {
            this.knowledgeVersion = value;
            return this;
        }

        public Builder rulesetVersion(String value) {
            this.rulesetVersion = value;
            return this;
        }

        public Builder inputJson(String value) {
            this.inputJson = value;
            return this;
        }

        /** The patient id, knowledge and rule-set versions and every recommendation (therapy, strength, rule) of {@code a}. */
        public Builder assessment(Assessment a) {
            this.patientId = a.patientId();
            this.knowledgeVersion = a.knowledgeVersion();
            this.rulesetVersion = a.rulesetVersion();
            for (Recommendation r : a.recommendations()) {
                recommendations.add(new RecommendationRow(r.therapy(), r.strength(), r.ruleId()));
            }
            return this;
        }

        public Builder recommendation(Therapy therapy, Strength strength, String ruleId) {
            recommendations.add(new RecommendationRow(therapy, strength, ruleId));
            return this;
        }

        public Builder card(Card card) {
            cards.add(card);
            return this;
        }

        /** The batch run and input line the record comes from ({@link Origin}). */
        public Builder origin(String run, long line) {
            this.origin = new Origin(run, line);
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(this);
        }
    }
}
