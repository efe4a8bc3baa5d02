package org.netlm.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.netlm.model.Criterion;

/**
 * KIE event listener that records, for one session, the rules that fired (in order), every fact in working
 * memory with the rule that inserted it, and the criteria each rule matched. The explanations are built from
 * this record of the rules' own execution, never from logging in the consequences.
 *
 * <p>Lean by design (it runs for every patient): the hot path only appends to array lists; the per-rule and
 * per-fact look-ups are built on first use. The facts list replaces a {@code getObjects()} query on the session.
 */
final class FiringRecorder {
    private final List<String> fired = new ArrayList<>(64);
    /** Criteria matched by the i-th firing, or {@code null} when it matched none. Parallel to {@link #fired}. */
    private final List<List<Criterion>> firedCriteria = new ArrayList<>(64);
    /** Facts in working memory, in insertion order (deleted facts removed). */
    private final List<Object> facts = new ArrayList<>(96);
    /** Id of the rule that inserted each fact ({@code null} for the input). Parallel to {@link #facts}. */
    private final List<String> factInsertedBy = new ArrayList<>(96);
    private Map<Object, String> insertedByIndex;
    private Map<String, List<Criterion>> matchedCriteriaIndex;
    private final boolean details;

    /**
     * @param details record the criteria each rule matched (for explanations); the fired rules and the facts with
     *                the rule that inserted each are always kept (the facts are the assessment's input)
     */
    FiringRecorder(boolean details) {
        this.details = details;
    }

    final DefaultAgendaEventListener agendaListener = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(ruleId(event.getMatch().getRule()));
            if (!details) {
                firedCriteria.add(null);
                return;
            }
            List<Criterion> crit = null;
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof Criterion c) {
                    if (crit == null) {
                        crit = new ArrayList<>(8);
                    }
                    crit.add(c);
                }
            }
            firedCriteria.add(crit);
        }
    };

    final DefaultRuleRuntimeEventListener runtimeListener = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            facts.add(event.getObject());
            factInsertedBy.add(event.getRule() == null ? null : ruleId(event.getRule()));
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            Object gone = event.getOldObject();
            for (int i = facts.size() - 1; i >= 0; i--) {
                if (facts.get(i) == gone) {
                    facts.remove(i);
                    factInsertedBy.remove(i);
                    return;
                }
            }
        }
    };

    static String ruleId(Rule rule) {
        Object id = rule.getMetaData().get("id");
        return id == null ? rule.getName() : id.toString();
    }

    List<String> fired() {
        return fired;
    }

    /** Every fact left in working memory (the input included), in insertion order. */
    List<Object> facts() {
        return facts;
    }

    /** The rule that fired most often and how often ("LOOP-01 (4990 times)"), to point at a rule that loops. */
    String mostFired() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String id : fired) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(e -> e.getKey() + " (" + e.getValue() + " times)")
            .orElse("none");
    }

    /** The id of the rule that inserted {@code fact}, or {@code null} for the input. */
    String insertedBy(Object fact) {
        if (insertedByIndex == null) {
            Map<Object, String> m = new IdentityHashMap<>(facts.size() * 2);
            for (int i = 0; i < facts.size(); i++) {
                if (factInsertedBy.get(i) != null) {
                    m.put(facts.get(i), factInsertedBy.get(i));
                }
            }
            insertedByIndex = m;
        }
        return insertedByIndex.get(fact);
    }

    /** The criteria matched by the rule {@code ruleId} when it fired (empty unless recorded with details). */
    List<Criterion> matchedCriteria(String ruleId) {
        if (matchedCriteriaIndex == null) {
            Map<String, List<Criterion>> m = new HashMap<>();
            for (int i = 0; i < fired.size(); i++) {
                List<Criterion> crit = firedCriteria.get(i);
                if (crit != null) {
                    m.computeIfAbsent(fired.get(i), k -> new ArrayList<>()).addAll(crit);
                }
            }
            matchedCriteriaIndex = m;
        }
        return matchedCriteriaIndex.getOrDefault(ruleId, List.of());
    }
}
