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

    private final Instant time;
    private final String service;
    private final String hook;
    private final String patientId;
    private final String knowledgeVersion;
    private final String rulesetVersion;
    private final String inputJson;
    private final List<RecommendationRow> recommendations;
    private final List<Card> cards;

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

        /** The patient id, rule-set version and every recommendation (therapy, strength, rule) of {@code a}. */
        public Builder assessment(Assessment a) {
            this.patientId = a.patientId();
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

        public AuditEntry build() {
            return new AuditEntry(this);
        }
    }
}
