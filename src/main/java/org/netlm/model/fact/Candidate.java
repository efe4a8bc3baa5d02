package org.netlm.model.fact;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.kie.api.runtime.rule.RuleContext;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;

/**
 * Derived fact: one rule's opinion on one therapy, before resolution. Carries the rule's {@code @id}
 * and {@code @evidence} keys, read from the firing rule's metadata so that they cannot drift apart.
 */
public final class Candidate {
    /**
     * What a candidate is for. Only the somatostatin analogue has two: its symptom-control rule for a functional NET
     * and its antiproliferative rules, which some limits treat differently (decision-model.md, Scope and section 2).
     */
    public enum Purpose { TUMOUR_CONTROL, SYMPTOM_CONTROL }

    private final Therapy therapy;
    private final Strength strength;
    private final String ruleId;
    private final List<String> evidenceKeys;
    private final String rationale;
    private final Purpose purpose;

    public Candidate(Therapy therapy, Strength strength, String ruleId, List<String> evidenceKeys, String rationale) {
        this(therapy, strength, ruleId, evidenceKeys, rationale, Purpose.TUMOUR_CONTROL);
    }

    public Candidate(Therapy therapy, Strength strength, String ruleId, List<String> evidenceKeys, String rationale, Purpose purpose) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.therapy = Objects.requireNonNull(therapy, "therapy");
        this.strength = Objects.requireNonNull(strength, "strength");
        this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
        this.evidenceKeys = List.copyOf(evidenceKeys);
        this.rationale = Objects.requireNonNull(rationale, "rationale");
    }

    /** Called from a rule's consequence: {@code insert(Candidate.of(kcontext, Therapy.PRRT, Strength.RECOMMENDED, "…"))}. */
    public static Candidate of(RuleContext kcontext, Therapy therapy, Strength strength, String rationale) {
        return new Candidate(therapy, strength, RuleMeta.id(kcontext), RuleMeta.evidence(kcontext), rationale);
    }

    /** The same candidate given for hormone-symptom control: {@code insert(Candidate.of(...).forSymptomControl())}. */
    public Candidate forSymptomControl() {
        return new Candidate(therapy, strength, ruleId, evidenceKeys, rationale, Purpose.SYMPTOM_CONTROL);
    }

    /** The same candidate with another strength and rationale (a cap's result), keeping its rule and purpose. */
    public Candidate with(Strength newStrength, String newRationale) {
        return new Candidate(therapy, newStrength, ruleId, evidenceKeys, newRationale, purpose);
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public Therapy getTherapy() {
        return therapy;
    }

    public Strength getStrength() {
        return strength;
    }

    public String getRuleId() {
        return ruleId;
    }

    public List<String> getEvidenceKeys() {
        return evidenceKeys;
    }

    public String getRationale() {
        return rationale;
    }

    @Override
    public String toString() {
        return "Candidate[" + therapy + " " + strength + " by " + ruleId + "]";
    }

    /** Reads {@code @id} and {@code @evidence} from rule metadata. */
    public static final class RuleMeta {
        private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
        /** Parsed {@code @evidence} values: a rule set has a few dozen distinct ones, parsed once each. */
        private static final Map<String, List<String>> PARSED = new ConcurrentHashMap<>();
        private static final int MAX_CACHED = 10_000;

        private RuleMeta() {
        }

        public static String id(RuleContext kcontext) {
            return id(kcontext.getRule());
        }

        /** The rule's {@code @id}, or its name when it has none. */
        public static String id(org.kie.api.definition.rule.Rule rule) {
            Object id = rule.getMetaData().get("id");
            return id == null ? rule.getName() : id.toString();
        }

        public static List<String> evidence(RuleContext kcontext) {
            return splitKeys(kcontext.getRule().getMetaData().get("evidence"));
        }

        /** "A, B" or "A,B" into [A, B]; null into []. */
        public static List<String> splitKeys(Object value) {
            if (value == null) {
                return List.of();
            }
            String text = value.toString();
            List<String> keys = PARSED.get(text);
            if (keys == null) {
                keys = Arrays.stream(SEPARATORS.split(text)).filter(s -> !s.isEmpty()).toList();
                if (PARSED.size() < MAX_CACHED) {
                    PARSED.put(text, keys);
                }
            }
            return keys;
        }
    }
}
