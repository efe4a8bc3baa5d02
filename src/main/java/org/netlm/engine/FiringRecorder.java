package org.netlm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;

/**
 * KIE event listener that records, for one session, the rules that fired (in order) and every fact in working
 * memory. The explanations are built from this record of the rules' own execution (with the {@link
 * org.netlm.model.fact.Criteria} fact and the rule catalogue), never from logging in the consequences.
 *
 * <p>Lean by design (it runs for every patient): the hot path only appends to array lists. The facts list replaces a
 * {@code getObjects()} query on the session.
 */
final class FiringRecorder {
    private final List<String> fired = new ArrayList<>(64);
    /** Facts in working memory, in insertion order (deleted facts removed). */
    private final List<Object> facts = new ArrayList<>(32);

    final DefaultAgendaEventListener agendaListener = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(ruleId(event.getMatch().getRule()));
        }
    };

    final DefaultRuleRuntimeEventListener runtimeListener = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            facts.add(event.getObject());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            Object gone = event.getOldObject();
            for (int i = facts.size() - 1; i >= 0; i--) {
                if (facts.get(i) == gone) {
                    facts.remove(i);
                    return;
                }
            }
        }
    };

    static String ruleId(Rule rule) {
        return org.netlm.model.fact.Candidate.RuleMeta.id(rule);
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
}
